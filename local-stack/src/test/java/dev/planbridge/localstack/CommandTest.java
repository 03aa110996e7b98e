package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void shouldStartTheDemoOrgInTheForegroundByDefault() {
        Command up = Command.parse("up");
        assertEquals(Command.Verb.UP, up.verb());
        assertFalse(up.detach());
        assertEquals(new Command.OrgSize(5000, 60, 42), up.org());
    }

    @Test
    void shouldReadDetachAndOrgSize() {
        Command up = Command.parse("up", "--detach", "--accounts", "200", "--users", "7", "--seed", "-3");
        assertTrue(up.detach());
        assertEquals(new Command.OrgSize(200, 7, -3), up.org());
    }

    @Test
    void shouldRejectAnOptionWithoutItsValue() {
        StackException e = assertThrows(StackException.class, () -> Command.parse("up", "--accounts"));
        assertEquals(Command.USAGE_EXIT, e.exitCode());
        assertTrue(e.getMessage().contains("--accounts needs a value"), e.getMessage());
    }

    @Test
    void shouldRejectANonNumberAndANumberOutOfRange() {
        assertTrue(assertThrows(StackException.class, () -> Command.parse("up", "--users", "many"))
                .getMessage().contains("whole number, got 'many'"));
        assertTrue(assertThrows(StackException.class, () -> Command.parse("up", "--users", "3"))
                .getMessage().contains("--users must be between 4 and"));
        assertEquals(0, Command.parse("up", "--accounts", "0").org().accounts());
    }

    @Test
    void shouldRejectUnknownCommandsAndOptions() {
        assertTrue(assertThrows(StackException.class, () -> Command.parse("start")).getMessage()
                .contains("Unknown command 'start'"));
        assertTrue(assertThrows(StackException.class, () -> Command.parse("up", "--fast")).getMessage()
                .contains("Unknown option '--fast'"));
        assertTrue(assertThrows(StackException.class, () -> Command.parse("down", "--now")).getMessage()
                .contains("takes no options"));
        assertEquals(Command.USAGE_EXIT, assertThrows(StackException.class, Command::parse).exitCode());
    }

    @Test
    void shouldNameTheProcessWhoseLogsToShow() {
        Command logs = Command.parse("logs", "kafka", "--lines", "20");
        assertEquals(Command.Verb.LOGS, logs.verb());
        assertEquals("kafka", logs.process());
        assertEquals(20, logs.lines());
        assertTrue(assertThrows(StackException.class, () -> Command.parse("logs")).getMessage()
                .contains("needs a process name"));
        assertTrue(assertThrows(StackException.class, () -> Command.parse("logs", "zookeeper")).getMessage()
                .contains("Unknown process 'zookeeper'"));
    }

    @Test
    void shouldNameTheOneProcessToRestart() {
        Command restart = Command.parse("restart", "sync-service");
        assertEquals(Command.Verb.RESTART, restart.verb());
        assertEquals("sync-service", restart.process());
        assertTrue(assertThrows(StackException.class, () -> Command.parse("restart")).getMessage()
                .contains("'restart' takes one process name"));
        assertTrue(assertThrows(StackException.class, () -> Command.parse("restart", "a", "b")).getMessage()
                .contains("'restart' takes one process name"));
        assertTrue(assertThrows(StackException.class, () -> Command.parse("restart", "zookeeper")).getMessage()
                .contains("Unknown process 'zookeeper'"));
    }

    @Test
    void shouldParseTheOtherCommands() {
        assertEquals(Command.Verb.DOWN, Command.parse("down").verb());
        assertEquals(Command.Verb.STATUS, Command.parse("status").verb());
        assertEquals(Command.Verb.DEMO, Command.parse("demo").verb());
        assertEquals(Command.Verb.HELP, Command.parse("--help").verb());
    }

    @Test
    void demoShouldStayUpUnlessToldToExitAndRunOnTheDemoOrgOnly() {
        assertFalse(Command.parse("demo").exitAfterDemo());
        assertTrue(Command.parse("demo", "--exit").exitAfterDemo());
        assertEquals(Command.OrgSize.DEMO, Command.parse("demo").org());
        StackException e = assertThrows(StackException.class, () -> Command.parse("demo", "--accounts", "10"));
        assertEquals(Command.USAGE_EXIT, e.exitCode());
        assertTrue(e.getMessage().contains("Unknown option '--accounts' for 'demo'"), e.getMessage());
    }
}
