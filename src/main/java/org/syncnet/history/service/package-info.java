/**
 * The history's container shell: {@link org.syncnet.history.service.HistoryService} (a startup singleton) opens the
 * database ({@link org.syncnet.history.service.HistoryDatabase} on the datasource
 * {@code java:jboss/datasources/SyncNetDS}: the embedded SQLite file by default, checked first by
 * {@link org.syncnet.history.service.EmbeddedHistoryFile}, or PostgreSQL), fetches what it lacks from its peers
 * (the {@link org.syncnet.history.service.PeerCatchUp}, which owns every catch-up from the peers' stored history,
 * over {@link org.syncnet.history.service.PeerHistory}, at the member URLs of the
 * {@link org.syncnet.history.MemberDirectory}), gives the chat its {@link org.syncnet.history.HistoryFeed} (the
 * history's subscription to the committed entries) and runs the {@link org.syncnet.history.WritingLoop} on a thread
 * from the container's {@code ManagedThreadFactory}; {@link org.syncnet.history.service.PeerCatchUpService} checks on
 * the container's scheduler whether a running server's log is stuck and catches it up the same way;
 * {@link org.syncnet.history.service.JdbcEventStore} keeps the events as rows of the
 * {@link org.syncnet.history.service.EventTable}; the REST resources page a room ({@code /api/rooms/{room}/messages}),
 * show the writer's counters ({@code /api/history}) and hand peers the stored events ({@code /api/history/events});
 * {@link org.syncnet.history.service.HistorySettings} reads the {@code syncnet.history.*} settings;
 * {@link org.syncnet.history.service.RetentionService} (a startup singleton after the history) runs the retention on a
 * thread of its own against {@link org.syncnet.history.service.JdbcRetentionStore}.
 */
package org.syncnet.history.service;
