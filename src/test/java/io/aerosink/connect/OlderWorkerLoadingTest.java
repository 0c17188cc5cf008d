package io.aerosink.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import javax.management.ObjectName;

import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

/**
 * The plugin on a worker whose Kafka predates plugin metrics (3.6 to 4.0): the connector's own classes are loaded
 * by a loader of their own, as a worker's plugin loader does, that cannot see the KIP-877 classes. The connector,
 * its task class and the task's metrics load and register, and the class that names plugin metrics is never loaded.
 */
class OlderWorkerLoadingTest {

    private static final Set<String> KIP_877 = Set.of("org.apache.kafka.common.metrics.PluginMetrics",
            "org.apache.kafka.common.metrics.Monitorable");
    private static final String PLUGIN_METRICS_BEANS = "io.aerosink.connect.metrics.PluginMetricsBeans";

    @Test
    void withoutPluginMetricsTheConnectorAndItsTaskLoadAndTheMetricsRegisterInJmxAlone() throws Exception {
        try (PluginLoader loader = new PluginLoader(KIP_877)) {
            assertThrows(ClassNotFoundException.class,
                    () -> Class.forName("org.apache.kafka.common.metrics.PluginMetrics", false, loader));
            SinkConnector connector = (SinkConnector) loader.loadClass(AerospikeSinkConnector.class.getName())
                    .getConstructor().newInstance();
            Class<? extends Task> taskClass = connector.taskClass();
            assertEquals(AerospikeSinkTask.class.getName(), taskClass.getName());
            assertSame(loader, taskClass.getClassLoader());
            SinkTask task = (SinkTask) taskClass.getConstructor().newInstance();
            assertEquals(connector.version(), task.version());

            registerAndUnregister(loader, contextOfAnOlderWorker());
            assertFalse(loader.defined.contains(PLUGIN_METRICS_BEANS), "loaded: " + loader.defined);
        }
    }

    /** The same, with the classes visible: what the test above checks is what tells the two workers apart. */
    @Test
    void withPluginMetricsTheTaskAsksTheContextForThem() throws Exception {
        try (PluginLoader loader = new PluginLoader(Set.of())) {
            List<String> asked = new CopyOnWriteArrayList<>();
            SinkTaskContext context = (SinkTaskContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {SinkTaskContext.class}, (proxy, method, args) -> {
                        asked.add(method.getName());
                        return null;
                    });
            registerAndUnregister(loader, context);
            assertEquals(List.of("pluginMetrics"), asked);
            assertTrue(loader.defined.contains(PLUGIN_METRICS_BEANS), "loaded: " + loader.defined);
        }
    }

    /** A context whose every call fails the test: a 3.6 context has no pluginMetrics() to call. */
    private SinkTaskContext contextOfAnOlderWorker() {
        return (SinkTaskContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SinkTaskContext.class}, (proxy, method, args) -> {
                    throw new AssertionError("called " + method.getName() + " on a worker that has no such method");
                });
    }

    private static void registerAndUnregister(ClassLoader loader, SinkTaskContext context) throws Exception {
        Class<?> metricsClass = loader.loadClass("io.aerosink.connect.metrics.TaskMetrics");
        LongSupplier clock = System::nanoTime;
        Object metrics = metricsClass.getConstructor(String.class, String.class, int.class, LongSupplier.class,
                LongSupplier.class).newInstance("older-worker", "1", 10, clock, clock);
        metricsClass.getMethod("register", SinkTaskContext.class).invoke(metrics, context);
        ObjectName name = (ObjectName) metricsClass.getMethod("name").invoke(metrics);
        try {
            assertEquals(0L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "records-written-total"));
        } finally {
            metricsClass.getMethod("unregister").invoke(metrics);
        }
    }

    /**
     * Loads the connector's classes itself, from where they were built, and everything else from the test's
     * loader, except the hidden classes: as if the worker's Kafka did not have them.
     */
    private static final class PluginLoader extends URLClassLoader {

        private final Set<String> hidden;
        final List<String> defined = new CopyOnWriteArrayList<>();

        PluginLoader(Set<String> hidden) {
            super(new URL[] {AerospikeSinkConnector.class.getProtectionDomain().getCodeSource().getLocation()},
                    OlderWorkerLoadingTest.class.getClassLoader());
            this.hidden = hidden;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (hidden.contains(name)) {
                throw new ClassNotFoundException(name + " is not in this worker's Kafka");
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && name.startsWith("io.aerosink.connect.")) {
                    loaded = findClass(name);
                    defined.add(name);
                }
                if (loaded == null) {
                    loaded = getParent().loadClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
