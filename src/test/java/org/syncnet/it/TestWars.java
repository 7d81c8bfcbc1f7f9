package org.syncnet.it;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test deployments made from the WAR the build produced ({@code syncnet.war} system property, set by failsafe),
 * never from a hand-picked class list, so the ITs exercise exactly what is shipped.
 */
final class TestWars {
    static final String CONFIG_FILE = "WEB-INF/classes/META-INF/microprofile-config.properties";
    static final String JBOSS_WEB = "WEB-INF/jboss-web.xml";

    private TestWars() {
    }

    /** The built WAR, unchanged, under the given archive name. */
    static WebArchive built(String archiveName) {
        String path = System.getProperty("syncnet.war");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("system property syncnet.war must name the built WAR (mvn package), was "
                    + path);
        }
        WebArchive built = ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
        return ShrinkWrap.create(WebArchive.class, archiveName).merge(built);
    }

    /**
     * The built WAR with its microprofile-config.properties replaced by {@code settings} (in order; a key that is
     * absent is simply not set) and, if {@code contextRoot} is not null, its context root changed.
     */
    static WebArchive withSettings(String archiveName, Map<String, String> settings, String contextRoot) {
        WebArchive war = built(archiveName);
        war.delete(CONFIG_FILE);
        StringBuilder properties = new StringBuilder("# written by the integration test\n");
        settings.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        war.add(new StringAsset(properties.toString()), CONFIG_FILE);
        if (contextRoot != null) {
            war.delete(JBOSS_WEB);
            war.add(new StringAsset("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <jboss-web xmlns="urn:jboss:jakartaee:1.0" version="1.0">
                        <context-root>%s</context-root>
                    </jboss-web>
                    """.formatted(contextRoot)), JBOSS_WEB);
        }
        return war;
    }

    /** A copy of {@code base} with one setting replaced ({@code value} null: removed). */
    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }
}
