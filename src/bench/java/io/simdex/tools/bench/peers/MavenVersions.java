package io.simdex.tools.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of a library on the classpath, read from the {@code pom.properties} its jar ships. */
final class MavenVersions {

    private MavenVersions() {
    }

    /** The artifact's version, or {@code "?"} when its jar carries no Maven metadata. */
    static String of(String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = MavenVersions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "?";
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
