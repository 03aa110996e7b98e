package dev.planbridge.changefeed.history;

import dev.planbridge.changefeed.runtime.CaptureStatus;
import dev.planbridge.changefeed.runtime.CaptureSupervisor;
import dev.planbridge.changefeed.runtime.FeedConfig;
import dev.planbridge.contracts.ContractsJson;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What planners read: the live stream, the paged history and its CSV export, the capture status. */
@Path("/api/v1/feed")
@RolesAllowed({"viewer", "planner", "approver", "admin", "service"})
public class FeedResource {

    static final int MAX_PAGE_SIZE = 1000;
    static final int MAX_EXPORT_ROWS = 100_000;
    private static final int STREAM_BATCH = 500;

    private final HistoryRepository repository;
    private final CaptureSupervisor supervisor;
    private final FeedConfig config;

    public FeedResource(HistoryRepository repository, CaptureSupervisor supervisor, FeedConfig config) {
        this.repository = repository;
        this.supervisor = supervisor;
        this.config = config;
    }

    @GET
    @Path("/changes")
    @Produces(MediaType.APPLICATION_JSON)
    public HistoryRepository.Page changes(@QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("object") String object, @QueryParam("owner") String owner,
            @QueryParam("territory") String territory, @QueryParam("field") String field,
            @QueryParam("origin") String origin, @QueryParam("ids") List<String> ids,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0) {
            throw new InvalidFeedQueryException("page must be 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidFeedQueryException("size must be between 1 and " + MAX_PAGE_SIZE + ", got " + size);
        }
        return repository.find(filter(since, until, object, owner, territory, field, origin, ids), page, size);
    }

    @GET
    @Path("/changes.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("object") String object, @QueryParam("owner") String owner,
            @QueryParam("territory") String territory, @QueryParam("field") String field,
            @QueryParam("origin") String origin, @QueryParam("ids") List<String> ids) {
        FeedFilter filter = filter(since, until, object, owner, territory, field, origin, ids);
        return Response.ok(new ChangesCsv(repository, filter, MAX_EXPORT_ROWS))
                .header("Content-Disposition", "attachment; filename=\"changes.csv\"").build();
    }

    /**
     * Server-sent events, one per change ({@code event: change}, {@code id: <seq>}, data = the ChangeEvent JSON).
     * Without Last-Event-ID the stream starts with the next change; with it, after that change.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("lastEventId") String lastEventIdParam, @QueryParam("object") String object,
            @QueryParam("owner") String owner, @QueryParam("territory") String territory,
            @QueryParam("field") String field, @QueryParam("origin") String origin,
            @QueryParam("ids") List<String> ids) {
        FeedFilter filter = filter(null, null, object, owner, territory, field, origin, ids);
        String resumeFrom = lastEventId != null && !lastEventId.isBlank() ? lastEventId : lastEventIdParam;
        AtomicLong cursor = new AtomicLong(resumeFrom == null || resumeFrom.isBlank()
                ? repository.lastSeq() : parseSeq(resumeFrom));
        return Multi.createFrom().ticks().every(config.history().streamPollInterval())
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .concatMap(tick -> {
                    List<StoredChange> next = repository.after(cursor.get(), filter, STREAM_BATCH);
                    if (!next.isEmpty()) {
                        cursor.set(next.get(next.size() - 1).seq());
                    }
                    return Multi.createFrom().iterable(next);
                })
                .map(change -> sse.newEventBuilder()
                        .id(Long.toString(change.seq()))
                        .name("change")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(String.class, ContractsJson.write(change.event()))
                        .build());
    }

    /** Per captured object: state, published events, snapshot progress. */
    @GET
    @Path("/status")
    @Produces(MediaType.APPLICATION_JSON)
    public List<CaptureStatus> status() {
        return supervisor.statuses();
    }

    private static FeedFilter filter(String since, String until, String object, String owner, String territory,
            String field, String origin, List<String> ids) {
        return new FeedFilter(object, ids, owner, territory, field, origin,
                FeedFilter.parseInstant("since", since), FeedFilter.parseInstant("until", until));
    }

    private static long parseSeq(String value) {
        try {
            long seq = Long.parseLong(value.trim());
            if (seq < 0) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw new InvalidFeedQueryException("Last-Event-ID must be the id of an event of this stream, got '"
                    + value + "'");
        }
    }
}
