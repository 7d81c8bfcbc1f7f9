package org.syncnet.chat;

/**
 * An entry of a room's ban ({@code b}), exception ({@code e}) or invite-exception ({@code I}) list: the normalized
 * mask, who set it ({@code nick!user@host}) and when (the MODE event's time), as IRC's 367, 348 and 346 show it.
 */
public record ListEntry(String mask, String setBy, long time) {
}
