package io.aerosink.connect.errors;

import static io.aerosink.connect.errors.FailureClass.DATA;
import static io.aerosink.connect.errors.FailureClass.FATAL;
import static io.aerosink.connect.errors.FailureClass.OUTAGE;
import static io.aerosink.connect.errors.FailureClass.SUCCESS;
import static io.aerosink.connect.errors.FailureClass.TRANSIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.ResultCode;

import io.aerosink.connect.config.WriteAction;

class ResultClassifierTest {

    @Test
    void dataErrorsOfAKey() {
        for (int code : new int[] {ResultCode.RECORD_TOO_BIG, ResultCode.BIN_NAME_TOO_LONG, ResultCode.PARAMETER_ERROR,
                ResultCode.BIN_TYPE_ERROR}) {
            assertEquals(DATA, ResultClassifier.classify(code, WriteAction.UPSERT, false), ResultCodes.name(code));
        }
        assertEquals(DATA, ResultClassifier.classify(ResultCode.KEY_EXISTS_ERROR, WriteAction.INSERT, false));
        assertEquals(DATA, ResultClassifier.classify(ResultCode.KEY_NOT_FOUND_ERROR, WriteAction.UPDATE, false));
        assertEquals(DATA, ResultClassifier.classify(ResultCode.KEY_NOT_FOUND_ERROR, WriteAction.REPLACE_ONLY, false));
    }

    @Test
    void deletingAMissingKeyIsDone() {
        assertEquals(SUCCESS, ResultClassifier.classify(ResultCode.KEY_NOT_FOUND_ERROR, null, false));
    }

    @Test
    void insertThatMeetsItsOwnInDoubtAttemptIsDone() {
        assertEquals(SUCCESS, ResultClassifier.classify(ResultCode.KEY_EXISTS_ERROR, WriteAction.INSERT, true));
    }

    @Test
    void contentionOnAKeyIsTransient() {
        for (int code : new int[] {ResultCode.KEY_BUSY, ResultCode.XDR_KEY_BUSY}) {
            assertEquals(TRANSIENT, ResultClassifier.classify(code, WriteAction.UPSERT, false), ResultCodes.name(code));
        }
    }

    @Test
    void aSlowOrOverloadedClusterIsWaitedOutLikeAnOutage() {
        // A valid record is never dead-lettered because the cluster was busy.
        for (int code : new int[] {ResultCode.TIMEOUT, ResultCode.DEVICE_OVERLOAD, ResultCode.SERVER_MEM_ERROR,
                ResultCode.BATCH_QUEUES_FULL}) {
            assertEquals(OUTAGE, ResultClassifier.classify(code, WriteAction.UPSERT, false), ResultCodes.name(code));
        }
    }

    @Test
    void batchLimitsOfTheServerAreConfigurationErrors() {
        for (int code : new int[] {ResultCode.BATCH_MAX_REQUESTS_EXCEEDED, ResultCode.BATCH_DISABLED}) {
            assertEquals(FATAL, ResultClassifier.classifyCode(code), ResultCodes.name(code));
        }
    }

    @Test
    void unreachableClusterIsAnOutage() {
        for (int code : new int[] {ResultCode.NO_RESPONSE, ResultCode.SERVER_NOT_AVAILABLE, ResultCode.INVALID_NODE_ERROR,
                ResultCode.MAX_ERROR_RATE, ResultCode.PARTITION_UNAVAILABLE}) {
            assertEquals(OUTAGE, ResultClassifier.classifyCode(code), ResultCodes.name(code));
        }
    }

    @Test
    void configurationProblemsAreFatal() {
        for (int code : new int[] {ResultCode.INVALID_NAMESPACE, ResultCode.NOT_AUTHENTICATED, ResultCode.ROLE_VIOLATION,
                ResultCode.INVALID_CREDENTIAL, ResultCode.FAIL_FORBIDDEN}) {
            assertEquals(FATAL, ResultClassifier.classifyCode(code), ResultCodes.name(code));
        }
    }

    /** As client 9.2's Node.getConnection throws it when a node refuses the session token on a new socket. */
    @Test
    void aRefusedSessionTokenIsAnOutageWhileOtherClientErrorsOfACallStayData() {
        assertEquals(OUTAGE, ResultClassifier.classifyCall(new AerospikeException("Authentication failed")));
        assertEquals(DATA, ResultClassifier.classifyCall(new AerospikeException("Invalid value")));
        assertEquals(FATAL, ResultClassifier.classifyCall(
                new AerospikeException(ResultCode.INVALID_CREDENTIAL, "Authentication failed")));
    }

    @Test
    void namesComeFromTheClient() {
        assertEquals("RECORD_TOO_BIG", ResultCodes.name(13));
        assertEquals("13 RECORD_TOO_BIG (Record too big)", ResultCodes.describe(13));
    }
}
