package io.aerosink.connect.errors;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.ResultCode;

import io.aerosink.connect.config.WriteAction;

/** Sorts Aerospike result codes into {@link FailureClass}es, per key. */
public final class ResultClassifier {

    private static final String SESSION_REFUSED = "Authentication failed";

    private ResultClassifier() {
    }

    /**
     * Classifies the result of one key's write.
     *
     * @param action the write action, or null for a delete
     * @param inDoubtBefore whether an earlier attempt of this write may have been applied
     */
    public static FailureClass classify(int resultCode, WriteAction action, boolean inDoubtBefore) {
        switch (resultCode) {
            case ResultCode.OK:
            // The write fence found a newer write applied: this one is stale, and done.
            case ResultCode.FILTERED_OUT:
                return FailureClass.SUCCESS;
            case ResultCode.KEY_NOT_FOUND_ERROR:
                return action == null ? FailureClass.SUCCESS : FailureClass.DATA;
            case ResultCode.KEY_EXISTS_ERROR:
                // A retried insert that meets a record may be meeting its own earlier, in-doubt attempt.
                return action == WriteAction.INSERT && inDoubtBefore ? FailureClass.SUCCESS : FailureClass.DATA;
            default:
                return classifyCode(resultCode);
        }
    }

    /**
     * Classifies what a whole batch call threw. When a node refuses the session token on a new socket (one that ran
     * out before the client's scheduled login, or sessions the node no longer has), client 9.2 signals its tend
     * thread to log in again and throws a plain "Authentication failed": CLIENT_ERROR, no code of the server's. So
     * that is waited out as an outage, not retried a few times and dead-lettered; a login the cluster refuses for
     * good ends with the client dropping the node, which the writer then asks about (see {@code BatchClient.refusal}).
     */
    public static FailureClass classifyCall(AerospikeException error) {
        if (error.getResultCode() == ResultCode.CLIENT_ERROR && SESSION_REFUSED.equals(error.getBaseMessage())) {
            return FailureClass.OUTAGE;
        }
        return classifyCode(error.getResultCode());
    }

    /** Classifies a code that is not specific to the kind of write, e.g. one thrown for a whole batch call. */
    public static FailureClass classifyCode(int resultCode) {
        switch (resultCode) {
            case ResultCode.OK:
                return FailureClass.SUCCESS;
            case ResultCode.KEY_BUSY:
            case ResultCode.XDR_KEY_BUSY:
            case ResultCode.LOST_CONFLICT:
            case ResultCode.SERVER_ERROR:
            case ResultCode.MRT_BLOCKED:
                return FailureClass.TRANSIENT;
            // A slow or overloaded cluster is waited out like an unreachable one: never a reason to dead-letter.
            case ResultCode.TIMEOUT:
            case ResultCode.DEVICE_OVERLOAD:
            case ResultCode.NO_RESPONSE:
            case ResultCode.BATCH_FAILED:
            case ResultCode.MAX_ERROR_RATE:
            case ResultCode.MAX_RETRIES_EXCEEDED:
            case ResultCode.SERVER_NOT_AVAILABLE:
            case ResultCode.NO_MORE_CONNECTIONS:
            case ResultCode.INVALID_NODE_ERROR:
            case ResultCode.PARSE_ERROR:
            case ResultCode.CLUSTER_KEY_MISMATCH:
            case ResultCode.SERVER_MEM_ERROR:
            case ResultCode.PARTITION_UNAVAILABLE:
            case ResultCode.BATCH_QUEUES_FULL:
            case ResultCode.QUOTA_EXCEEDED:
                return FailureClass.OUTAGE;
            case ResultCode.INVALID_NAMESPACE:
            case ResultCode.FAIL_FORBIDDEN:
            case ResultCode.ALWAYS_FORBIDDEN:
            case ResultCode.ENTERPRISE_ONLY:
            case ResultCode.UNSUPPORTED_FEATURE:
            case ResultCode.BATCH_DISABLED:
            case ResultCode.BATCH_MAX_REQUESTS_EXCEEDED:
                return FailureClass.FATAL;
            default:
                if (resultCode >= ResultCode.SECURITY_NOT_SUPPORTED && resultCode <= ResultCode.QUOTA_EXCEEDED) {
                    return FailureClass.FATAL;
                }
                return FailureClass.DATA;
        }
    }
}
