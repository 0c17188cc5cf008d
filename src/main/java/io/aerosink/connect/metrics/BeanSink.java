package io.aerosink.connect.metrics;

/**
 * Where a task's attributes are published: JMX beans, a Connect worker's plugin metrics. A {@code null} topic is
 * the task's own attributes. Publishing never fails a task: a sink logs what it could not do.
 */
interface BeanSink {

    void add(String topic, AttributeBean attributes);

    void remove(String topic);
}
