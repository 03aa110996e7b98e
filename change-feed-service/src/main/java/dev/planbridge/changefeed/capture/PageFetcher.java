package dev.planbridge.changefeed.capture;

import dev.planbridge.changefeed.capture.CrmSource.RecordPage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts reading the next page (and its users' names) while the capture thread turns the current page into events and
 * commits them: the SOAP round trip and XML parsing overlap with the Kafka transaction. Only the fetch runs ahead;
 * every decision and all state stay on the capture thread, and the CRM is never called from two threads at once (the
 * capture thread waits for the fetch before it calls the CRM again, see {@link #settle}).
 */
final class PageFetcher {

    /** Reads query pages ahead of the capture threads (daemon threads, reused, created on demand). */
    private static final ExecutorService PAGE_FETCHER = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "capture-page-fetcher");
        thread.setDaemon(true);
        return thread;
    });

    private final CrmSource crm;
    private final UserNameCache users;

    PageFetcher(CrmSource crm, UserNameCache users) {
        this.crm = crm;
        this.users = users;
    }

    /** The next page being read, or null when {@code page} was the last. */
    Future<RecordPage> fetchNext(RecordPage page) {
        if (page.done() || page.queryLocator() == null) {
            return null;
        }
        String locator = page.queryLocator();
        return PAGE_FETCHER.submit(() -> {
            RecordPage next = crm.more(locator);
            users.prefetch(next.records());
            return next;
        });
    }

    static RecordPage await(Future<RecordPage> page) {
        try {
            return page.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new CrmException(CrmException.CONNECTION, "Reading the next page failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the next page", e);
        }
    }

    /** After a failure: let a running fetch end (its result is dropped) so that no CRM call outlives the poll. */
    static void settle(Future<RecordPage> page) {
        if (page == null) {
            return;
        }
        try {
            page.get();
        } catch (ExecutionException ignored) {
            // the poll fails anyway with the first error
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
