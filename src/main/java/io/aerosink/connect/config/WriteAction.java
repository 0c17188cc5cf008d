package io.aerosink.connect.config;

import com.aerospike.client.policy.RecordExistsAction;

/** What a write does to an existing record, in the words users configure ({@code write.action}). */
public enum WriteAction {
    UPSERT(RecordExistsAction.UPDATE),
    REPLACE(RecordExistsAction.REPLACE),
    INSERT(RecordExistsAction.CREATE_ONLY),
    UPDATE(RecordExistsAction.UPDATE_ONLY),
    REPLACE_ONLY(RecordExistsAction.REPLACE_ONLY);

    private final RecordExistsAction recordExistsAction;

    WriteAction(RecordExistsAction recordExistsAction) {
        this.recordExistsAction = recordExistsAction;
    }

    public RecordExistsAction recordExistsAction() {
        return recordExistsAction;
    }
}
