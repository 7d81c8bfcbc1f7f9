package org.syncnet.history;

import java.util.Map;

/**
 * Where the history finds the other members' stored events: every member's base URL (the web shell's setting,
 * {@code http://host:port/syncnet}), by member id, in ring order, this server's own included.
 */
public interface MemberDirectory {
    Map<String, String> memberUrls();
}
