package org.syncnet.chat.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** Reads the chat limits and the account settings through MicroProfile Config (system properties and environment override). */
@ApplicationScoped
public class ChatSettings {
    @Inject
    Config config;

    /** @throws org.syncnet.settings.InvalidSettingException naming the first setting that cannot work */
    public ChatConfig load() {
        return ChatConfig.fromSettings(this::lookup);
    }

    /** @throws org.syncnet.settings.InvalidSettingException naming the first account setting that cannot work */
    public AccountConfig loadAccounts() {
        return AccountConfig.fromSettings(this::lookup);
    }

    private String lookup(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }
}
