/**
 * The history's container shell: {@link org.syncnet.history.service.HistoryService} (a startup singleton) gives the
 * chat its {@link org.syncnet.history.HistoryFeed} and runs the {@link org.syncnet.history.WritingLoop} on a thread
 * from the container's {@code ManagedThreadFactory}; {@link org.syncnet.history.service.JpaEventStore} keeps the
 * events as {@link org.syncnet.history.service.StoredEvent} rows through JPA (persistence unit
 * {@code syncnet-history}, datasource {@code java:jboss/datasources/SyncNetDS}); the REST resources page a room
 * ({@code /api/rooms/{room}/messages}) and show the writer's counters ({@code /api/history});
 * {@link org.syncnet.history.service.HistorySettings} reads the {@code syncnet.history.*} settings;
 * {@link org.syncnet.history.service.RetentionService} (a startup singleton after the history) runs the retention on a
 * thread of its own against {@link org.syncnet.history.service.JpaRetentionStore}.
 */
package org.syncnet.history.service;
