package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The plugin archive of {@code mvn package} installed as a user installs it: unzipped into a plugin.path, and the
 * classpath of a worker that has none of the plugin's own jars. Shared by the ITs and the worker benchmark.
 */
public final class PluginInstall {

    private PluginInstall() {
    }

    /**
     * This JVM's classpath less what a real worker would not have: the connector (classes or jar) and every jar
     * that the plugin brings in lib/ but a worker does not (so a missing dependency in the archive shows as a
     * failure here).
     */
    public static String workerClasspath(Path lib) {
        Set<String> shipped = Set.copyOf(libJars(lib));
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String file = path.getFileName() == null ? "" : path.getFileName().toString();
            boolean project = path.endsWith(Path.of("target", "classes")) || path.endsWith(Path.of("target", "test-classes"))
                    || file.startsWith("aerosink-kafka-connect");
            // Every worker has Jackson for its REST API; the plugin's own copies in lib/ load first for the plugin.
            boolean workerHasItToo = file.startsWith("jackson-");
            (project || (shipped.contains(file) && !workerHasItToo) ? dropped : kept).add(entry);
        }
        assertTrue(dropped.stream().anyMatch(e -> e.contains("aerospike-client")),
                "the Aerospike client was on the test classpath and is left out of the worker's: " + dropped);
        return String.join(File.pathSeparator, kept);
    }

    public static List<String> libJars(Path lib) {
        try (Stream<Path> files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one plugin archive in {@code components}, where the package phase builds it. */
    public static Path archive(Path components) {
        try (Stream<Path> files = Files.list(components)) {
            List<Path> zips = files.filter(p -> p.toString().endsWith(".zip")).toList();
            if (zips.size() != 1) {
                throw new IllegalStateException("expected one plugin archive in " + components.toAbsolutePath() + ", found " + zips);
            }
            return zips.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("no plugin archive in " + components + ": the package phase builds it", e);
        }
    }

    /** Unzips {@code zip} into {@code dir} and returns the component's top directory. */
    public static Path unzip(Path zip, Path dir) {
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalStateException("zip entry outside the target directory: " + entry.getName());
                }
                if (top == null) {
                    top = dir.resolve(dir.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unzip " + zip, e);
        }
        assertNotNull(top, zip + " is empty");
        return top;
    }
}
