package org.syncnet.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.cluster.Membership;
import org.syncnet.history.MemberDirectory;
import org.syncnet.settings.Settings;

/**
 * The web shell's settings: every member's URL. Read once when the application starts, so that a bad value fails
 * the deployment instead of the first request.
 */
@ApplicationScoped
public class WebSettings implements MemberDirectory {
    private static final Logger LOG = Logger.getLogger("org.syncnet.web");

    @Inject
    Config config;

    private MemberUrls urls;

    @PostConstruct
    void load() {
        String self = config.getOptionalValue(Settings.SERVER_ID, String.class).orElse("?");
        try {
            Membership membership = Membership.parse(config.getOptionalValue(Settings.MEMBERS, String.class).orElse(null));
            urls = MemberUrls.of(config.getOptionalValue(MemberUrls.SETTING, String.class).orElse(null), membership);
        } catch (InvalidSettingException e) {
            LOG.severe(self + ": SyncNet cannot start: " + e.getMessage());
            throw e;
        }
        LOG.info(() -> self + ": member URLs " + urls.all());
    }

    /** Touching the bean at start-up runs {@link #load()}; its exception fails the deployment. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        urls.all();
    }

    public MemberUrls urls() {
        return urls;
    }

    /** For the history's transfer between members. */
    @Override
    public Map<String, String> memberUrls() {
        return urls.all();
    }
}
