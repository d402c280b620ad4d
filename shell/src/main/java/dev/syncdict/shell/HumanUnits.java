package dev.syncdict.shell;

/** Durations and sizes the way a person reads them: 3h 2m, 12.5 MiB. */
final class HumanUnits {

    private HumanUnits() {}

    /** The two largest units of a duration: 2d 3h, 5m 12s, 800ms. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        long[] sizes = {86_400, 3600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        StringBuilder text = new StringBuilder();
        for (int i = 0, shown = 0; i < sizes.length && shown < 2; i++) {
            long count = seconds / sizes[i];
            seconds %= sizes[i];
            if (count > 0 || shown > 0) {
                text.append(shown > 0 ? " " : "").append(count).append(names[i]);
                shown++;
            }
        }
        return text.toString();
    }

    /** Bytes in binary units with one decimal: 512 B, 9.7 MiB, 5.9 GiB. */
    static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
