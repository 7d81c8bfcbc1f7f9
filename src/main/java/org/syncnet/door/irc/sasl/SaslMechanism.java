package org.syncnet.door.irc.sasl;

/**
 * One attempt's mechanism on the server side: it sees the client's messages whole (the exchange does the chunking)
 * and answers each with the next step. A new attempt gets a new instance, so nothing carries over.
 */
interface SaslMechanism {
    SaslStep respond(byte[] clientMessage);
}
