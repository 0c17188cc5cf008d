package io.aerosink.connect.write;

import com.aerospike.client.exp.Expression;
import com.aerospike.client.policy.BatchDeletePolicy;
import com.aerospike.client.policy.BatchWritePolicy;

import io.aerosink.connect.config.WriteAction;

/**
 * The batch policies of one topic, built once; only a record with its own TTL, or a fenced write with its own
 * filter, gets a policy of its own.
 */
public final class WritePolicies {

    private final WriteAction defaultAction;
    private final int defaultTtl;
    private final boolean sendKey;
    private final boolean durableDelete;
    private final BatchWritePolicy defaultWrite;
    private final BatchDeletePolicy delete;
    private final Fence fence;

    public WritePolicies(WriteAction defaultAction, int defaultTtl, boolean sendKey, boolean durableDelete) {
        this(defaultAction, defaultTtl, sendKey, durableDelete, null);
    }

    WritePolicies(WriteAction defaultAction, int defaultTtl, boolean sendKey, boolean durableDelete, Fence fence) {
        this.fence = fence;
        this.defaultAction = defaultAction;
        this.defaultTtl = defaultTtl;
        this.sendKey = sendKey;
        this.durableDelete = durableDelete;
        this.defaultWrite = build(defaultAction, defaultTtl);
        this.delete = new BatchDeletePolicy();
        this.delete.sendKey = sendKey;
        this.delete.durableDelete = durableDelete;
    }

    public WriteAction defaultAction() {
        return defaultAction;
    }

    public int defaultTtl() {
        return defaultTtl;
    }

    public BatchWritePolicy write(WriteAction action, int ttl) {
        return action == defaultAction && ttl == defaultTtl ? defaultWrite : build(action, ttl);
    }

    public BatchDeletePolicy delete() {
        return delete;
    }

    /** The topic's write fence, or null. */
    Fence fence() {
        return fence;
    }

    /** A policy of its own for one write: the filter expression is the write's own. */
    BatchWritePolicy fenced(WriteAction action, int ttl, Expression filter) {
        BatchWritePolicy policy = build(action, ttl);
        policy.filterExp = filter;
        return policy;
    }

    private BatchWritePolicy build(WriteAction action, int ttl) {
        BatchWritePolicy policy = new BatchWritePolicy();
        policy.recordExistsAction = action.recordExistsAction();
        policy.expiration = ttl;
        policy.sendKey = sendKey;
        policy.durableDelete = durableDelete;
        return policy;
    }
}
