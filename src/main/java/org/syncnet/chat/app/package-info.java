/**
 * The chat application on one server, in plain Java (no Jakarta): what both doors enter and what the committed log
 * drives. {@link org.syncnet.chat.app.LocalChat} holds the {@link org.syncnet.chat.ChatState} and its lock; the doors
 * use it as their {@link org.syncnet.chat.app.ChatApplication} (allocate an id, attach a
 * {@link org.syncnet.chat.app.ChatConnection}, submit its events, read the state, close), and the
 * {@link org.syncnet.chat.app.ConnectionRegistry} numbers and submits each connection's events. The cluster hands the
 * committed log to {@code LocalChat} (a {@link org.syncnet.cluster.LogListener}), whose applier thread
 * ({@link org.syncnet.chat.app.OrderedWorker}) runs the {@link org.syncnet.chat.app.LogApplier}: it applies each entry,
 * fans the outcomes out to this server's connections, flushes them a moment later, and publishes each entry to the
 * {@link org.syncnet.chat.app.CommittedEvents} subscriber (the history); it tells each connection when one of its own
 * events is applied, so a {@link org.syncnet.chat.app.ReplyOrder} can keep the client's replies in the order of its
 * commands. At start the applier rebuilds the state from
 * the {@link org.syncnet.chat.app.StoredEvents}. The container's bean ({@code org.syncnet.chat.service.ChatService})
 * only creates, schedules and stops it.
 */
package org.syncnet.chat.app;
