package io.liquidstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long MS = 1_000_000;

    @Test
    void givenTenTimesRealTime_sourceTimeIsDueAfterATenthOfItsDistanceFromTheOrigin() {
        Pacer pacer = new Pacer(new ReplaySpeed(10));
        pacer.start(5_000_000);

        long wait = pacer.nanosUntil(5_000_000 + 2_000_000);

        assertThat(wait).isBetween(150 * MS, 200 * MS);
        assertThat(pacer.nanosUntil(5_000_000)).isLessThanOrEqualTo(0);
    }

    @Test
    void givenNoStart_theFirstPacketPinsTheOriginAtItsFirstEventAndLeavesOnceItsLastIsDue() throws InterruptedException {
        Pacer pacer = new Pacer(ReplaySpeed.REALTIME);
        long before = System.nanoTime();

        pacer.await(1_000_000, 1_030_000);

        assertThat(pacer.started()).isTrue();
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(30 * MS);
        assertThat(pacer.nanosUntil(1_030_000)).isLessThanOrEqualTo(0);
    }

    @Test
    void givenMaxSpeed_everythingIsDueAtOnce() throws InterruptedException {
        Pacer pacer = new Pacer(ReplaySpeed.MAX);
        long before = System.nanoTime();

        pacer.await(0, 3_600_000_000L);

        assertThat(pacer.nanosUntil(Long.MAX_VALUE / 2)).isZero();
        assertThat(System.nanoTime() - before).isLessThan(1_000 * MS);
    }

    @Test
    void givenASlowSpeed_aLaterTimeWaitsLonger() {
        Pacer pacer = new Pacer(new ReplaySpeed(0.5));
        pacer.start(0);

        assertThat(pacer.nanosUntil(100_000)).isBetween(150 * MS, 200 * MS);
        assertThat(pacer.nanosUntil(200_000)).isBetween(350 * MS, 400 * MS);
    }
}
