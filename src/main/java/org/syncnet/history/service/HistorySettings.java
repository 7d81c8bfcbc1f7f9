package org.syncnet.history.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.syncnet.history.HistoryConfig;
import org.syncnet.history.RetentionConfig;

/** Reads the history's settings through MicroProfile Config (system properties and environment override). */
@ApplicationScoped
public class HistorySettings {
    @Inject
    Config config;

    /** @throws org.syncnet.settings.InvalidSettingException naming the first setting that cannot work */
    public HistoryConfig load() {
        return HistoryConfig.fromSettings(name -> config.getOptionalValue(name, String.class).orElse(null));
    }

    /** @throws org.syncnet.settings.InvalidSettingException naming the first retention setting that cannot work */
    public RetentionConfig loadRetention() {
        return RetentionConfig.fromSettings(name -> config.getOptionalValue(name, String.class).orElse(null));
    }
}
