package com.imagecogni.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Readings of a running process from Linux's /proc and the JDK's jcmd, for the benchmarks (-1 when unavailable). */
final class ProcessStats {

    /** USER_HZ: the unit of utime and stime in /proc/PID/stat on every Linux the service targets. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStats() {
    }

    /** User + system CPU time of the process, in seconds. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces; fields after its closing parenthesis are fixed
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time of every PostgreSQL process on this machine (the server and its backends), in seconds. */
    static double postgresCpuSeconds() {
        double total = 0;
        try (java.util.stream.Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path dir : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(dir.resolve("comm")).trim().startsWith("postgres")) {
                        total += Math.max(0, cpuSeconds(Long.parseLong(dir.getFileName().toString())));
                    }
                } catch (IOException gone) {
                    // the process ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    /** CPU time of this JVM (the benchmark's client, and whatever server it runs in-process), in seconds. */
    static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Resident set size now (VmRSS), in MiB. */
    static long rssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Open sockets of the process (TCP to clients, PostgreSQL, the store, receivers). */
    static long sockets(long pid) {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Native memory the JVM has committed outside the Java heap, in MiB, from Native Memory Tracking (the process must
     * run with -XX:NativeMemoryTracking=summary): the total minus the heap. The codecs' malloc is not in it; RSS is.
     */
    static long nativeCommittedMib(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary", "scale=MB")
                    .redirectErrorStream(true).start();
            String out = new String(run.getInputStream().readAllBytes());
            run.waitFor(30, TimeUnit.SECONDS);
            return committed(out, "Total:") - committed(out, "Java Heap (");
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long committed(String summary, String section) {
        List<String> lines = summary.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(section)) {
                // "Total: reserved=1234MB, committed=567MB" or on the section's next line
                for (String line : List.of(lines.get(i), i + 1 < lines.size() ? lines.get(i + 1) : "")) {
                    int at = line.indexOf("committed=");
                    if (at >= 0) {
                        return Long.parseLong(line.substring(at + "committed=".length()).replaceAll("(?s)[^0-9].*", ""));
                    }
                }
            }
        }
        throw new IllegalStateException("no " + section + " in the NMT summary: " + summary);
    }
}
