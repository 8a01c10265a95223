package io.tiski.ticket.domain.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiski.ticket.domain.sla.SlaClocks.Reading;
import io.tiski.ticket.domain.sla.SlaClocks.State;
import io.tiski.ticket.domain.sla.SlaPolicy.Conditions;
import io.tiski.ticket.domain.sla.SlaPolicy.Escalation;
import io.tiski.ticket.domain.sla.SlaPolicy.TargetSpec;
import io.tiski.ticket.domain.sla.TicketTimeline.Entry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SLA clock against due times worked out by hand. The office calendar: Europe/Helsinki, Monday to Friday
 * 08–12 and 13–16 (7 h), Saturday 10–14 (4 h), Sunday closed, Finnish public holidays.
 */
class SlaClocksTest {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    static BusinessCalendar office(Map<LocalDate, BusinessCalendar.DayException> exceptions) {
        Map<DayOfWeek, List<OpeningHours>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(d, OpeningHours.parseList("08:00-12:00, 13:00-16:00"));
        }
        weekly.put(DayOfWeek.SATURDAY, OpeningHours.parseList("10:00-14:00"));
        return new BusinessCalendar("Helsinki office", HELSINKI, weekly, Set.of(PublicHolidays.FI), exceptions);
    }

    static final BusinessCalendar OFFICE = office(Map.of());

    static BusinessCalendar aroundTheClockCalendar() {
        Map<DayOfWeek, List<OpeningHours>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            weekly.put(d, OpeningHours.parseList("00:00-24:00"));
        }
        return new BusinessCalendar("Always", HELSINKI, weekly, Set.of(), Map.of());
    }

    static Instant at(String localHelsinki) {
        return LocalDateTime.parse(localHelsinki.replace(' ', 'T')).atZone(HELSINKI).toInstant();
    }

    static SlaPolicy policy(String name, Set<String> priorities, boolean pauseOnHold, String firstResponse,
            String nextResponse, String resolution, boolean businessHours) {
        Map<SlaTarget, TargetSpec> targets = new EnumMap<>(SlaTarget.class);
        if (firstResponse != null) {
            targets.put(SlaTarget.FIRST_RESPONSE, new TargetSpec(Duration.parse(firstResponse), businessHours));
        }
        if (nextResponse != null) {
            targets.put(SlaTarget.NEXT_RESPONSE, new TargetSpec(Duration.parse(nextResponse), businessHours));
        }
        if (resolution != null) {
            targets.put(SlaTarget.RESOLUTION, new TargetSpec(Duration.parse(resolution), businessHours));
        }
        return new SlaPolicy("p-" + name, name, priorities.isEmpty() ? 10 : 1, new Conditions(priorities, Set.of(),
                Set.of(), Set.of(), Set.of(), Set.of()), targets, "Helsinki office", pauseOnHold,
                Duration.ofMinutes(15), null, Escalation.NONE);
    }

    static final SlaPolicy STANDARD = policy("Standard", Set.of(), false, "PT4H", "PT2H", "PT16H", true);

    static Reading reading(List<Reading> readings, SlaTarget target) {
        return readings.stream().filter(r -> r.target() == target).reduce((a, b) -> b).orElseThrow();
    }

    static List<Reading> read(SlaPolicy policy, BusinessCalendar calendar, TicketTimeline timeline, String now) {
        return new SlaClocks(policy, calendar, HELSINKI).current(timeline, at(now));
    }

    static TicketTimeline createdAt(String local, Entry... entries) {
        List<Entry> all = new ArrayList<>();
        all.add(Entry.customerMessage(at(local)));
        all.addAll(List.of(entries));
        return new TicketTimeline(at(local), true, all);
    }

    @ParameterizedTest(name = "created {0}: first response due {1}, resolution due {2}")
    @CsvSource({
        // Friday evening: Saturday's four hours answer it; resolution runs on into Monday and Tuesday.
        "2026-11-20 18:00, 2026-11-21 14:00, 2026-11-24 14:00",
        // In the middle of a working day, across the lunch break.
        "2026-11-23 10:30, 2026-11-23 15:30, 2026-11-25 13:30",
        // Thursday before Midsummer: Midsummer Eve (Friday) and Midsummer Day (Saturday) are closed.
        "2026-06-18 15:00, 2026-06-22 11:00, 2026-06-24 09:00",
        // On Midsummer Eve itself.
        "2026-06-19 09:00, 2026-06-22 12:00, 2026-06-24 10:00",
        // Good Friday and Easter Monday 2026 closed; Saturday between them open.
        "2026-04-02 15:30, 2026-04-04 13:30, 2026-04-08 13:30",
        // Friday before the end of daylight saving time (Sunday 25 October 04:00 EEST -> 03:00 EET).
        "2026-10-23 15:00, 2026-10-24 13:00, 2026-10-27 12:00",
        // Friday before daylight saving time starts (Sunday 29 March 03:00 EET -> 04:00 EEST).
        "2026-03-27 15:00, 2026-03-28 13:00, 2026-03-31 12:00",
        // Christmas week: 24, 25, 26 December closed; 24 December is a Thursday in 2026.
        "2026-12-23 15:00, 2026-12-28 11:00, 2026-12-30 09:00",
        // Independence Day on a Sunday changes nothing; All Saints' Day 2026 is Saturday 31 October.
        "2026-10-30 15:00, 2026-11-02 11:00, 2026-11-04 09:00"})
    void dueTimesInBusinessHours(String created, String firstResponseDue, String resolutionDue) {
        List<Reading> readings = read(STANDARD, OFFICE, createdAt(created), created);
        assertThat(reading(readings, SlaTarget.FIRST_RESPONSE).dueAt()).isEqualTo(at(firstResponseDue));
        assertThat(reading(readings, SlaTarget.RESOLUTION).dueAt()).isEqualTo(at(resolutionDue));
        assertThat(reading(readings, SlaTarget.FIRST_RESPONSE).state()).isEqualTo(State.RUNNING);
        assertThat(readings).noneMatch(r -> r.target() == SlaTarget.NEXT_RESPONSE);
    }

    @Test
    void theExplanationNamesTheHolidaysOnTheWay() {
        Reading first = reading(read(STANDARD, OFFICE, createdAt("2026-06-18 15:00"), "2026-06-18 15:00"),
                SlaTarget.FIRST_RESPONSE);
        assertThat(first.explanation()).anyMatch(l -> l.contains("Fri 2026-06-19 Juhannusaatto (Midsummer Eve)"))
                .anyMatch(l -> l.contains("Sat 2026-06-20 Juhannuspäivä (Midsummer Day)"))
                .anyMatch(l -> l.contains("Policy 'Standard'")).anyMatch(l -> l.contains("calendar 'Helsinki office'"))
                .anyMatch(l -> l.equals("Due Mon 2026-06-22 11:00 EEST: 0 min used, 4 h left."));
    }

    @ParameterizedTest(name = "calendar hours: created {0}, {1} later is {2}")
    @CsvSource({
        // The night the clocks go back: 24 real hours end at 11:00 on the wall clock, not 12:00.
        "2026-10-24 12:00, PT24H, 2026-10-25 11:00",
        // The night the clocks go forward: 24 real hours end at 13:00 on the wall clock.
        "2026-03-28 12:00, PT24H, 2026-03-29 13:00",
        "2026-11-20 18:00, PT8H, 2026-11-21 02:00"})
    void calendarHoursCountRealTimeAcrossDaylightSaving(String created, String target, String due) {
        SlaPolicy aroundTheClock = policy("24/7", Set.of(), false, target, null, null, false);
        Reading first = reading(read(aroundTheClock, OFFICE, createdAt(created), created), SlaTarget.FIRST_RESPONSE);
        assertThat(first.dueAt()).isEqualTo(at(due));
        assertThat(first.explanation()).anyMatch(l -> l.contains("in calendar hours"));
    }

    @Test
    void aDayWithTwentyFiveHoursCountsTwentyFiveBusinessHoursWhenOpenAllDay() {
        SlaPolicy eightHours = policy("Night shift", Set.of(), false, "PT8H", null, null, true);
        // Midnight to 08:00 on 25 October 2026 is nine real hours; eight of them end at 07:00 EET.
        Reading first = reading(read(eightHours, aroundTheClockCalendar(), createdAt("2026-10-25 00:00"),
                "2026-10-25 00:00"), SlaTarget.FIRST_RESPONSE);
        assertThat(first.dueAt()).isEqualTo(at("2026-10-25 07:00"));
        assertThat(aroundTheClockCalendar().between(at("2026-10-25 00:00"), at("2026-10-26 00:00")))
                .isEqualTo(Duration.ofHours(25));
        assertThat(aroundTheClockCalendar().between(at("2026-03-29 00:00"), at("2026-03-30 00:00")))
                .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void pendingPausesEveryClockAndTheCustomersReplyResumesThem() {
        TicketTimeline timeline = createdAt("2026-11-23 09:00",
                Entry.agentReply(at("2026-11-23 10:00")), Entry.status(at("2026-11-23 10:00"), "PENDING"),
                Entry.customerMessage(at("2026-11-24 14:00")), Entry.status(at("2026-11-24 14:00"), "OPEN"));
        List<Reading> whilePending = read(STANDARD, OFFICE, timeline, "2026-11-24 11:00");
        Reading resolutionPaused = reading(whilePending, SlaTarget.RESOLUTION);
        assertThat(resolutionPaused.state()).isEqualTo(State.PAUSED);
        assertThat(resolutionPaused.dueAt()).isNull();
        assertThat(resolutionPaused.remaining()).isEqualTo(Duration.ofHours(15));
        assertThat(reading(whilePending, SlaTarget.FIRST_RESPONSE).state()).isEqualTo(State.MET);
        assertThat(reading(whilePending, SlaTarget.FIRST_RESPONSE).remaining()).isEqualTo(Duration.ofHours(3));

        List<Reading> afterReply = read(STANDARD, OFFICE, timeline, "2026-11-24 15:00");
        Reading resolution = reading(afterReply, SlaTarget.RESOLUTION);
        // 1 h on Monday; from Tuesday 14:00: 2 h Tuesday, 7 h Wednesday, 6 h Thursday -> Thursday 15:00.
        assertThat(resolution.state()).isEqualTo(State.RUNNING);
        assertThat(resolution.dueAt()).isEqualTo(at("2026-11-26 15:00"));
        assertThat(resolution.elapsed()).isEqualTo(Duration.ofHours(2));
        Reading next = reading(afterReply, SlaTarget.NEXT_RESPONSE);
        assertThat(next.state()).isEqualTo(State.RUNNING);
        assertThat(next.cycle()).isEqualTo(1);
        assertThat(next.dueAt()).isEqualTo(at("2026-11-24 16:00"));
        assertThat(resolution.explanation()).anyMatch(l -> l.startsWith("Paused Mon 2026-11-23 10:00 EET while PENDING"))
                .anyMatch(l -> l.startsWith("Resumed Tue 2026-11-24 14:00 EET when the status became OPEN"));
    }

    @Test
    void reopeningAfterSolveContinuesTheResolutionClock() {
        TicketTimeline timeline = createdAt("2026-11-23 09:00",
                Entry.agentReply(at("2026-11-23 09:30")), Entry.status(at("2026-11-23 11:00"), "SOLVED"),
                Entry.customerMessage(at("2026-11-25 09:00")), Entry.status(at("2026-11-25 09:00"), "OPEN"));
        Reading whileSolved = reading(read(STANDARD, OFFICE, timeline, "2026-11-24 12:00"), SlaTarget.RESOLUTION);
        assertThat(whileSolved.state()).isEqualTo(State.MET);
        assertThat(whileSolved.stoppedAt()).isEqualTo(at("2026-11-23 11:00"));
        assertThat(whileSolved.remaining()).isEqualTo(Duration.ofHours(14));

        List<Reading> reopened = read(STANDARD, OFFICE, timeline, "2026-11-25 10:00");
        Reading resolution = reading(reopened, SlaTarget.RESOLUTION);
        // 2 h used before the solve; 14 h left from Wednesday 09:00: 6 h Wed, 7 h Thu, 1 h Fri -> Friday 09:00.
        assertThat(resolution.state()).isEqualTo(State.RUNNING);
        assertThat(resolution.dueAt()).isEqualTo(at("2026-11-27 09:00"));
        assertThat(resolution.stoppedAt()).isNull();
        assertThat(reading(reopened, SlaTarget.NEXT_RESPONSE).dueAt()).isEqualTo(at("2026-11-25 11:00"));
        assertThat(reading(reopened, SlaTarget.FIRST_RESPONSE).state()).isEqualTo(State.MET);
    }

    @Test
    void reprioritisingMeasuresTheNewTargetFromTheSameStart() {
        SlaPolicy urgent = policy("Urgent", Set.of("URGENT"), false, "PT1H", "PT30M", "PT4H", true);
        List<SlaPolicy> policies = List.of(STANDARD, urgent);
        TicketTimeline timeline = createdAt("2026-11-23 09:00");
        SlaPolicy normalApplies = SlaPolicy.firstMatching(policies, facts("NORMAL")).orElseThrow();
        assertThat(reading(read(normalApplies, OFFICE, timeline, "2026-11-23 09:30"), SlaTarget.FIRST_RESPONSE)
                .dueAt()).isEqualTo(at("2026-11-23 14:00"));
        // Raised to urgent at 09:30: due one business hour after the start.
        SlaPolicy urgentApplies = SlaPolicy.firstMatching(policies, facts("URGENT")).orElseThrow();
        assertThat(urgentApplies.name()).isEqualTo("Urgent");
        Reading at0930 = reading(read(urgentApplies, OFFICE, timeline, "2026-11-23 09:30"), SlaTarget.FIRST_RESPONSE);
        assertThat(at0930.dueAt()).isEqualTo(at("2026-11-23 10:00"));
        assertThat(at0930.warnAt()).isEqualTo(at("2026-11-23 09:45"));
        assertThat(at0930.state()).isEqualTo(State.RUNNING);
        // Raised at 10:30 instead: breached since 10:00, and it says so.
        Reading at1030 = reading(read(urgentApplies, OFFICE, timeline, "2026-11-23 10:30"), SlaTarget.FIRST_RESPONSE);
        assertThat(at1030.state()).isEqualTo(State.BREACHED);
        assertThat(at1030.dueAt()).isEqualTo(at("2026-11-23 10:00"));
        assertThat(at1030.remaining()).isEqualTo(Duration.ofMinutes(-30));
    }

    @Test
    void aLateReplyStaysBreachedAndAnEarlyOneIsMet() {
        TicketTimeline late = createdAt("2026-11-23 09:00", Entry.agentReply(at("2026-11-23 14:30")));
        Reading lateReading = reading(read(STANDARD, OFFICE, late, "2026-11-24 09:00"), SlaTarget.FIRST_RESPONSE);
        assertThat(lateReading.state()).isEqualTo(State.BREACHED);
        assertThat(lateReading.dueAt()).isEqualTo(at("2026-11-23 14:00"));
        TicketTimeline early = createdAt("2026-11-23 09:00", Entry.agentReply(at("2026-11-23 13:59")));
        assertThat(reading(read(STANDARD, OFFICE, early, "2026-11-24 09:00"), SlaTarget.FIRST_RESPONSE).state())
                .isEqualTo(State.MET);
    }

    @Test
    void onHoldPausesOnlyWhenThePolicySaysSo() {
        TicketTimeline timeline = createdAt("2026-11-23 09:00", Entry.status(at("2026-11-23 10:00"), "ON_HOLD"));
        SlaPolicy pausing = policy("Pausing", Set.of(), true, "PT4H", "PT2H", "PT16H", true);
        assertThat(reading(read(STANDARD, OFFICE, timeline, "2026-11-23 11:00"), SlaTarget.FIRST_RESPONSE).state())
                .isEqualTo(State.RUNNING);
        Reading paused = reading(read(pausing, OFFICE, timeline, "2026-11-23 11:00"), SlaTarget.FIRST_RESPONSE);
        assertThat(paused.state()).isEqualTo(State.PAUSED);
        assertThat(paused.remaining()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void everyFurtherCustomerMessageWaitingForAnAnswerIsItsOwnCycle() {
        TicketTimeline timeline = createdAt("2026-11-23 09:00",
                Entry.agentReply(at("2026-11-23 09:10")),
                Entry.customerMessage(at("2026-11-23 10:00")), Entry.customerMessage(at("2026-11-23 10:20")),
                Entry.agentReply(at("2026-11-23 13:30")),
                Entry.customerMessage(at("2026-11-23 15:00")));
        List<Reading> all = new SlaClocks(STANDARD, OFFICE, HELSINKI).read(timeline, at("2026-11-24 09:00"));
        List<Reading> next = all.stream().filter(r -> r.target() == SlaTarget.NEXT_RESPONSE).toList();
        assertThat(next).hasSize(2);
        // The second message joined the first's wait: 10:00 + 2 business hours = 12:00; answered 13:30.
        assertThat(next.get(0).dueAt()).isEqualTo(at("2026-11-23 12:00"));
        assertThat(next.get(0).state()).isEqualTo(State.BREACHED);
        assertThat(next.get(1).cycle()).isEqualTo(2);
        assertThat(next.get(1).dueAt()).isEqualTo(at("2026-11-24 09:00"));
        assertThat(next.get(1).state()).isEqualTo(State.BREACHED);
    }

    @Test
    void exceptionsExtendOrCloseSingleDays() {
        BusinessCalendar blackFriday = office(Map.of(
                LocalDate.parse("2026-11-27"), new BusinessCalendar.DayException("Black Friday",
                        OpeningHours.parseList("08:00-22:00")),
                LocalDate.parse("2026-11-23"), new BusinessCalendar.DayException("Staff training", List.of())));
        assertThat(reading(read(STANDARD, blackFriday, createdAt("2026-11-27 15:00"), "2026-11-27 15:00"),
                SlaTarget.FIRST_RESPONSE).dueAt()).isEqualTo(at("2026-11-27 19:00"));
        Reading resolution = reading(read(STANDARD, blackFriday, createdAt("2026-11-20 18:00"), "2026-11-20 18:00"),
                SlaTarget.RESOLUTION);
        // Saturday 4 h, Monday closed, Tuesday 7 h, Wednesday 08-12 and 13-14.
        assertThat(resolution.dueAt()).isEqualTo(at("2026-11-25 14:00"));
        assertThat(resolution.explanation()).anyMatch(l -> l.contains("Mon 2026-11-23 Staff training: closed"));
    }

    @Test
    void agentOpenedTicketsHaveNoFirstResponseClock() {
        TicketTimeline phoneCall = new TicketTimeline(at("2026-11-23 09:00"), false, List.of(
                Entry.customerMessage(at("2026-11-23 09:00"))));
        List<Reading> readings = read(STANDARD, OFFICE, phoneCall, "2026-11-23 10:00");
        assertThat(readings).extracting(Reading::target).containsExactly(SlaTarget.RESOLUTION);
    }

    @Test
    void aCalendarThatIsNeverOpenGivesNoDueTimeInsteadOfFailing() {
        BusinessCalendar never = new BusinessCalendar("Never", HELSINKI, Map.of(), Set.of(), Map.of());
        Reading first = reading(read(STANDARD, never, createdAt("2026-11-23 09:00"), "2026-11-23 10:00"),
                SlaTarget.FIRST_RESPONSE);
        assertThat(first.dueAt()).isNull();
        assertThat(first.state()).isEqualTo(State.RUNNING);
        assertThat(first.explanation()).anyMatch(l -> l.contains("has no opening hours")
                && l.contains("no due time can be given"));
    }

    @Test
    void nextOpeningIsHonestOutOfHours() {
        assertThat(OFFICE.nextOpening(at("2026-11-20 18:00"))).contains(at("2026-11-21 10:00"));
        assertThat(OFFICE.nextOpening(at("2026-06-18 17:00"))).contains(at("2026-06-22 08:00"));
        assertThat(OFFICE.nextOpening(at("2026-11-23 12:30"))).contains(at("2026-11-23 13:00"));
        assertThat(OFFICE.nextOpening(at("2026-11-23 09:00"))).contains(at("2026-11-23 09:00"));
    }

    static TicketFacts facts(String priority) {
        return new TicketFacts(priority, "EMAIL", "shop", "support", null, "QUESTION");
    }

    static ZonedDateTime local(String text) {
        return at(text).atZone(HELSINKI);
    }
}
