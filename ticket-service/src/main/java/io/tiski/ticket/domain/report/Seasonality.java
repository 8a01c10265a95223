package io.tiski.ticket.domain.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lines support volume up against the shop's sales: how many days tickets lag behind orders, how many tickets an
 * order brings, and from that and last year's orders, next season's load per week.
 *
 * <p>Method: the lag is the shift (0 to {@code maxLag} days) at which daily orders and the daily tickets that
 * many days later correlate best (Pearson). Tickets per order is the sum of tickets over the sum of orders at that
 * lag. Growth is the orders of the last eight weeks over the same weeks a year (364 days) earlier. A future week's
 * load is tickets per order × growth × the orders of the same days a year earlier, shifted by the lag; unknown
 * when those orders were not imported.
 */
public final class Seasonality {
    static final int YEAR_DAYS = 364;

    public record WeekForecast(LocalDate weekStart, Double expectedTickets) {
    }

    public record Result(int lagDays, double correlation, double ticketsPerOrder, double growth,
            List<WeekForecast> forecast) {
    }

    private Seasonality() {
    }

    public static Result analyse(LocalDate from, LocalDate to, Map<LocalDate, Integer> tickets,
            Map<LocalDate, Integer> orders, int maxLag, int forecastWeeks) {
        int bestLag = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLag; lag++) {
            double r = correlation(from, to, tickets, orders, lag);
            if (r > best + 1e-12) {
                best = r;
                bestLag = lag;
            }
        }
        double ticketSum = 0;
        double orderSum = 0;
        for (LocalDate d = from; !d.isAfter(to.minusDays(bestLag)); d = d.plusDays(1)) {
            Integer o = orders.get(d);
            if (o != null) {
                orderSum += o;
                ticketSum += tickets.getOrDefault(d.plusDays(bestLag), 0);
            }
        }
        double perOrder = orderSum == 0 ? 0 : ticketSum / orderSum;
        double recent = 0;
        double yearBefore = 0;
        boolean complete = true;
        for (LocalDate d = to.minusDays(55); !d.isAfter(to); d = d.plusDays(1)) {
            Integer now = orders.get(d);
            Integer then = orders.get(d.minusDays(YEAR_DAYS));
            if (now == null || then == null) {
                complete = false;
                break;
            }
            recent += now;
            yearBefore += then;
        }
        double growth = complete && yearBefore > 0 ? recent / yearBefore : 1.0;
        List<WeekForecast> forecast = new ArrayList<>();
        LocalDate week = to.plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        for (int w = 0; w < forecastWeeks; w++, week = week.plusWeeks(1)) {
            double sum = 0;
            boolean known = true;
            for (int i = 0; i < 7; i++) {
                Integer o = orders.get(week.plusDays(i).minusDays(YEAR_DAYS + bestLag));
                if (o == null) {
                    known = false;
                    break;
                }
                sum += o;
            }
            forecast.add(new WeekForecast(week, known ? perOrder * growth * sum : null));
        }
        return new Result(bestLag, best == Double.NEGATIVE_INFINITY ? 0 : best, perOrder, growth, forecast);
    }

    private static double correlation(LocalDate from, LocalDate to, Map<LocalDate, Integer> tickets,
            Map<LocalDate, Integer> orders, int lag) {
        List<double[]> pairs = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to.minusDays(lag)); d = d.plusDays(1)) {
            Integer o = orders.get(d);
            if (o != null) {
                pairs.add(new double[] {o, tickets.getOrDefault(d.plusDays(lag), 0)});
            }
        }
        int n = pairs.size();
        if (n < 3) {
            return Double.NEGATIVE_INFINITY;
        }
        double mx = pairs.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = pairs.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }
}
