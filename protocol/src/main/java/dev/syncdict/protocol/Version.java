package dev.syncdict.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, stamped by Maven into a resource. */
public final class Version {

    public static final String VERSION = load();

    private Version() {}

    /** What {@code --version} prints: the program's version, then the Java runtime it runs on. */
    public static String[] describe(String program) {
        return new String[] {
            program + " " + VERSION,
            "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name")
                    + ", " + System.getProperty("java.home") + ")",
        };
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
