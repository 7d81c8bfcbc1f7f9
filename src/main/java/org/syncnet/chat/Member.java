package org.syncnet.chat;

/** A client as others see it at one moment: its connection and its nick's display spelling. */
public record Member(ClientId client, String nick) {
}
