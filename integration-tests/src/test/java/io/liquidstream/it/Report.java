package io.liquidstream.it;

/** Prints a scenario's measured outcome on one line, so the build log records the figures. */
final class Report {

    private Report() {
    }

    static void line(String scenario, String outcome) {
        System.out.println("[liquidstream-it] " + scenario + ": " + outcome);
    }
}
