package io.aerosink.connect.metrics;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a task's beans in the platform MBeanServer. A task restarted in the same worker has the same number,
 * so its names are those of the task before it: a name still taken (a task that was not stopped cleanly, or one
 * that is still stopping) is taken over rather than failing the task, and a task removes only the beans it
 * registered itself, so the earlier task's late close leaves the new one's in place. Metrics never stop a task.
 */
final class MetricsRegistrar implements BeanSink {

    static final String DOMAIN = "io.aerosink";
    static final String TYPE = "sink-task-metrics";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsRegistrar.class);
    /** Who registered each name, across the tasks of this worker; registering and removing hold its lock. */
    private static final Map<ObjectName, AttributeBean> OWNERS = new HashMap<>();

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String connector;
    private final String task;
    /** This task's beans by topic (null: the task's own), as registered; guarded by {@link #OWNERS}. */
    private final Map<String, AttributeBean> registered = new HashMap<>();

    MetricsRegistrar(String connector, String task) {
        this.connector = connector;
        this.task = task;
    }

    /** {@code io.aerosink:type=sink-task-metrics,connector=<name>,task=<id>[,topic=<topic>]}. */
    static ObjectName name(String connector, String task, String topic) {
        String name = DOMAIN + ":type=" + TYPE + ",connector=" + value(connector) + ",task=" + value(task);
        if (topic != null) {
            name += ",topic=" + value(topic);
        }
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a valid metrics name: " + name, e);
        }
    }

    /** A value with a character JMX reserves is quoted; plain names (Kafka topic names always) stay as they are. */
    private static String value(String value) {
        for (char c : new char[] {',', '=', ':', '"', '*', '?', '\n', '\\'}) {
            if (value.indexOf(c) >= 0) {
                return ObjectName.quote(value);
            }
        }
        return value;
    }

    @Override
    public void add(String topic, AttributeBean bean) {
        ObjectName name = name(connector, task, topic);
        synchronized (OWNERS) {
            try {
                try {
                    server.registerMBean(bean, name);
                } catch (InstanceAlreadyExistsException e) {
                    LOG.warn("Metrics name {} was still registered; replacing it", name);
                    unregister(name);
                    server.registerMBean(bean, name);
                }
                OWNERS.put(name, bean);
                registered.put(topic, bean);
            } catch (JMException e) {
                LOG.warn("Could not register metrics {}: {}", name, e.toString());
            }
        }
    }

    @Override
    public void remove(String topic) {
        ObjectName name = name(connector, task, topic);
        synchronized (OWNERS) {
            AttributeBean bean = registered.remove(topic);
            if (bean != null && OWNERS.remove(name, bean)) {
                unregister(name);
            }
        }
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException e) {
            LOG.warn("Could not unregister metrics {}: {}", name, e.toString());
        }
    }
}
