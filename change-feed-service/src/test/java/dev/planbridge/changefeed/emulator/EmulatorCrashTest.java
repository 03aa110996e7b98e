package dev.planbridge.changefeed.emulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.changefeed.capture.CaptureEngine;
import dev.planbridge.changefeed.capture.CaptureListener;
import dev.planbridge.changefeed.capture.CaptureSettings;
import dev.planbridge.changefeed.capture.CrmSource;
import dev.planbridge.changefeed.capture.ObjectSpec;
import dev.planbridge.changefeed.capture.kafka.KafkaCaptureStore;
import dev.planbridge.changefeed.capture.kafka.KafkaFeedTopics;
import dev.planbridge.changefeed.salesforce.WscCrmSource;
import dev.planbridge.emulator.FaultRule;
import dev.planbridge.emulator.generate.ActivitySimulator;
import dev.planbridge.emulator.org.ChangeLogEntry;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.testkit.KafkaBroker;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The crash test of issue 6: the emulator's activity simulator changes the org steadily while the capture of Account
 * and Opportunity is hard-stopped at random moments (mid-query, mid-transaction, right after a commit), its producer
 * left open like a killed process leaves it, and a new capture with the same transactional id takes over. Afterwards
 * a read_committed consumer must see every captured change exactly once, each matching an entry of the emulator's
 * own change log, and the stream must rebuild the org exactly.
 */
class EmulatorCrashTest {

    private static final List<ObjectSpec> OBJECTS = List.of(
            new ObjectSpec("Account", List.of("Name", "OwnerId", "Industry", "BillingState"),
                    ObjectSpec.Strategy.INCREMENTAL),
            new ObjectSpec("Opportunity", List.of("Name", "StageName", "Amount", "AccountId"),
                    ObjectSpec.Strategy.INCREMENTAL));

    /** Stands for the process dying where it is thrown. */
    private static final class Killed extends RuntimeException {
        Killed(String where) {
            super("hard stop at " + where);
        }
    }

    @Test
    void shouldPublishEveryChangeExactlyOnceWhileKilledAtRandomMoments() throws Exception {
        String run = "crashtest" + Integer.toHexString(new Random().nextInt(0xfffff));
        Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaBroker.bootstrapServers());
        KafkaFeedTopics topics = new KafkaFeedTopics(kafka, run + ".offsets", 3, (short) 1, Duration.ofDays(1),
                run + ".");
        CaptureSettings settings = new CaptureSettings(Duration.ofSeconds(3), Duration.ofDays(15), Duration.ZERO, 200);
        Org org = PrivateOrg.emulator().org();
        long firstSequence = org.changeLog().isEmpty() ? 1 : org.changeLog().get(org.changeLog().size() - 1).sequence() + 1;
        Map<String, AtomicBoolean> killRequested = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> kills = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> pollsSinceStart = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<KafkaCaptureStore> zombies = new ArrayList<>();
        List<Throwable> unexpected = new ArrayList<>();

        ActivitySimulator simulator = new ActivitySimulator(org);
        // some of the simulator's own writes fail on locked rows: they must not appear in the feed
        PrivateOrg.emulator().faults().add(FaultRule.probability(FaultRule.Type.UNABLE_TO_LOCK_ROW, 0.05));
        simulator.start(40, 11);
        List<Thread> threads = new ArrayList<>();
        for (ObjectSpec spec : OBJECTS) {
            AtomicBoolean kill = killRequested.computeIfAbsent(spec.name(), o -> new AtomicBoolean());
            AtomicInteger killCount = kills.computeIfAbsent(spec.name(), o -> new AtomicInteger());
            AtomicInteger polls = pollsSinceStart.computeIfAbsent(spec.name(), o -> new AtomicInteger());
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    KafkaCaptureStore store = new KafkaCaptureStore(spec.name(), topics, run + "-", kafka, step -> {
                        if (kill.compareAndSet(true, false)) {
                            throw new Killed(step);
                        }
                    });
                    try {
                        CaptureEngine engine = new CaptureEngine(spec, killable(new WscCrmSource(PrivateOrg.admin()),
                                kill), store, settings, null, CaptureListener.NONE, Clock.systemUTC());
                        polls.set(0);
                        engine.start();
                        while (running.get()) {
                            engine.poll();
                            polls.incrementAndGet();
                            Thread.sleep(150);
                        }
                        store.close();
                    } catch (Killed e) {
                        killCount.incrementAndGet();
                        synchronized (zombies) {
                            zombies.add(store); // left open, mid-transaction perhaps: fenced by the next one
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Throwable e) {
                        synchronized (unexpected) {
                            unexpected.add(e);
                        }
                        store.close();
                    }
                }
            }, "crash-capture-" + spec.name());
            thread.start();
            threads.add(thread);
        }

        Random random = new Random(5);
        long deadline = System.currentTimeMillis() + 60_000;
        while (kills.values().stream().mapToInt(AtomicInteger::get).sum() < 12 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200 + random.nextInt(800));
            String victim = OBJECTS.get(random.nextInt(OBJECTS.size())).name();
            // a capture that made progress since its last restart is stopped at whatever it does next
            if (pollsSinceStart.get(victim).get() >= 1 + random.nextInt(3)) {
                killRequested.get(victim).set(true);
            }
        }
        simulator.stop();
        PrivateOrg.emulator().faults().clear();
        killRequested.values().forEach(k -> k.set(false));
        Thread.sleep(4000); // the last changes get captured, with no more kills
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        zombies.forEach(KafkaCaptureStore::close);

        int totalKills = kills.values().stream().mapToInt(AtomicInteger::get).sum();
        assertTrue(totalKills >= 10, "hard stops: " + kills);
        assertTrue(unexpected.isEmpty(), "only the kills may fail the capture: " + unexpected);
        List<ChangeLogEntry> log = org.changeLogSince(firstSequence - 1);
        assertTrue(simulator.changes() > 100, "the simulator made changes: " + simulator.changes());
        for (ObjectSpec spec : OBJECTS) {
            FeedVerifier.verify(KafkaBroker.bootstrapServers(), spec.name(), topics.changes(spec.name()), org, log, 21);
        }
    }

    private static CrmSource killable(CrmSource delegate, AtomicBoolean kill) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (kill.compareAndSet(true, false)) {
                throw new Killed("CRM call " + method.getName());
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (CrmSource) Proxy.newProxyInstance(CrmSource.class.getClassLoader(), new Class<?>[] {CrmSource.class},
                handler);
    }
}
