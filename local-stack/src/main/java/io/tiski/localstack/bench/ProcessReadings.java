package io.tiski.localstack.bench;

import io.tiski.localstack.LocalStack;
import io.tiski.localstack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU time and resident memory of the stack's processes, read from /proc (Linux). */
final class ProcessReadings {
    private ProcessReadings() {
    }

    /**
     * utime+stime in clock ticks (1/100 s) per running service and of this JVM, from /proc/<pid>/stat; a stopped
     * service has no entry.
     */
    static Map<String, Long> cpu(LocalStack stack) throws Exception {
        return ticks(stack, false);
    }

    /**
     * stime alone: the CPU each process spent in the kernel for itself (system calls, the loopback network's
     * sends and receives, scheduling), a part of {@link #cpu}.
     */
    static Map<String, Long> kernel(LocalStack stack) throws Exception {
        return ticks(stack, true);
    }

    private static Map<String, Long> ticks(LocalStack stack, boolean kernelOnly) throws Exception {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String name : List.of(LocalStack.TICKET, LocalStack.EMAIL_INGEST, LocalStack.SOCIAL_INGEST,
                LocalStack.NOTIFICATION)) {
            ServiceProcess service = stack.service(name);
            if (!service.isAlive()) {
                continue;
            }
            String stat = Files.readString(Path.of("/proc/" + service.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks.put(name, (kernelOnly ? 0 : Long.parseLong(fields[11])) + Long.parseLong(fields[12]));
        }
        String self = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = self.substring(self.lastIndexOf(')') + 2).split(" ");
        ticks.put("Kafka broker, mail server and load generator (the benchmark's JVM)",
                (kernelOnly ? 0 : Long.parseLong(fields[11])) + Long.parseLong(fields[12]));
        return ticks;
    }

    /**
     * CPU ticks of every process called postgres (the server and its backends), with those of the server's children
     * that have ended meanwhile (autovacuum workers, the backends of closed connections), which the server's own
     * entry counts once it has reaped them.
     */
    static long postgresTicks() throws Exception {
        return postgresTicks(false);
    }

    /** The kernel's part of {@link #postgresTicks()}. */
    static long postgresKernelTicks() throws Exception {
        return postgresTicks(true);
    }

    private static long postgresTicks(boolean kernelOnly) throws Exception {
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.equals("postgres")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // utime, stime, and cutime, cstime of its children that ended
                        ticks += (kernelOnly ? 0 : Long.parseLong(fields[11]) + Long.parseLong(fields[13]))
                                + Long.parseLong(fields[12]) + Long.parseLong(fields[14]);
                    }
                } catch (Exception e) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks;
    }

    /** Busy and total CPU ticks of the whole machine, from /proc/stat. */
    static long[] machineTicks() throws Exception {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[] {total - idle, total};
    }

    /** CPU ticks the whole machine spent in the kernel (system, irq and softirq), from /proc/stat. */
    static long machineKernelTicks() throws Exception {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(cpu[3]) + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
    }

    /** VmRSS in kB per service. */
    static Map<String, Long> rss(LocalStack stack) {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (String name : List.of(LocalStack.TICKET, LocalStack.EMAIL_INGEST, LocalStack.SOCIAL_INGEST,
                LocalStack.NOTIFICATION)) {
            try {
                Files.readAllLines(Path.of("/proc/" + stack.service(name).pid() + "/status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).findFirst().ifPresent(l -> rss.put(name,
                                Long.parseLong(l.replaceAll("[^0-9]", ""))));
            } catch (Exception e) {
                // the process is gone; nothing to read
            }
        }
        return rss;
    }
}
