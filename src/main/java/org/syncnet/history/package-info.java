/**
 * The durable chat history, plain Java: every committed log event as a {@link org.syncnet.history.CommittedEvent}
 * (the entry as delivered, plus the room and nick of a message the chat accepted), published by the chat's applier
 * to the history's subscriber ({@link org.syncnet.chat.app.CommittedEvents}), a
 * {@link org.syncnet.history.HistoryFeed}, into a bounded {@link org.syncnet.history.WriteQueue} that never
 * blocks it, and written in batches by a {@link org.syncnet.history.WritingLoop} through a
 * {@link org.syncnet.history.HistoryWriter} into an {@link org.syncnet.history.EventStore}; and the reading side: a
 * room's messages page by page ({@link org.syncnet.history.PageRequest}, {@link org.syncnet.history.RoomPage}); and
 * the retention: a {@link org.syncnet.history.RetentionLoop} runs a {@link org.syncnet.history.RetentionCleanup} on a
 * {@link org.syncnet.history.RetentionSchedule}, which removes room messages beyond a room's newest N or older than a
 * maximum age ({@link org.syncnet.history.RetentionConfig}, {@link org.syncnet.history.RetentionRules}) from a
 * {@link org.syncnet.history.RetentionStore} in short transactions ({@link org.syncnet.history.DeletePacing}).
 * No clock, no thread and no database here: the container shell in {@code org.syncnet.history.service} supplies them
 * (plain JDBC over the {@code SyncNetDS} datasource, a managed thread, MicroProfile Config).
 */
package org.syncnet.history;
