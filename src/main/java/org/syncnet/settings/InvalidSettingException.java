package org.syncnet.settings;

/** A configuration value that cannot work; the message names the setting so the operator can fix it. */
public class InvalidSettingException extends RuntimeException {
    private final String setting;

    public InvalidSettingException(String setting, String problem) {
        super("Invalid setting " + setting + ": " + problem);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
