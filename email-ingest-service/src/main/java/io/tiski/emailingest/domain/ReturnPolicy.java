package io.tiski.emailingest.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Tells a customer at once where a return or complaint stands: within the statutory right of withdrawal (14 days
 * from receipt for distance sales), within the shop's own longer window, or outside both. A complaint about a
 * defect is never bound by these windows: the seller answers for defects under consumer law.
 */
public final class ReturnPolicy {
    private final int withdrawalDays;
    private final int shopReturnDays;
    private final boolean freeReturns;
    private final String returnCost;

    public ReturnPolicy(int withdrawalDays, int shopReturnDays, boolean freeReturns, String returnCost) {
        this.withdrawalDays = withdrawalDays;
        this.shopReturnDays = Math.max(shopReturnDays, withdrawalDays);
        this.freeReturns = freeReturns;
        this.returnCost = returnCost;
    }

    /** What the policy says about one request, with the explanation in the customer's language. */
    public record Verdict(String window, boolean accepted, LocalDate withdrawalDeadline, LocalDate shopDeadline,
            String explanation) {
    }

    public Verdict assess(boolean complaint, LocalDate received, LocalDate today, String language) {
        LocalDate withdrawalDeadline = received.plusDays(withdrawalDays);
        LocalDate shopDeadline = received.plusDays(shopReturnDays);
        String lang = language == null ? "en" : language;
        if (complaint) {
            return new Verdict("COMPLAINT", true, withdrawalDeadline, shopDeadline, text(lang, "complaint",
                    null, null));
        }
        if (!today.isAfter(withdrawalDeadline)) {
            return new Verdict("WITHDRAWAL", true, withdrawalDeadline, shopDeadline, text(lang, "withdrawal",
                    withdrawalDeadline, null) + cost(lang));
        }
        if (!today.isAfter(shopDeadline)) {
            return new Verdict("SHOP_WINDOW", true, withdrawalDeadline, shopDeadline, text(lang, "shop",
                    shopDeadline, null) + cost(lang));
        }
        return new Verdict("OUTSIDE", false, withdrawalDeadline, shopDeadline, text(lang, "outside", shopDeadline,
                null));
    }

    private String cost(String lang) {
        if (freeReturns) {
            return " " + switch (lang) {
                case "fi" -> "Palautus on maksuton.";
                case "sv" -> "Returen är kostnadsfri.";
                default -> "Returning is free of charge.";
            };
        }
        if (returnCost == null || returnCost.isBlank()) {
            return "";
        }
        return " " + switch (lang) {
            case "fi" -> "Palautuksen hinta on " + returnCost + ".";
            case "sv" -> "Returen kostar " + returnCost + ".";
            default -> "Returning costs " + returnCost + ".";
        };
    }

    private static String text(String lang, String key, LocalDate date, Object unused) {
        String d = date == null ? "" : date.format(DateTimeFormatter.ofPattern(switch (lang) {
            case "fi" -> "d.M.yyyy";
            case "sv" -> "yyyy-MM-dd";
            default -> "d MMMM yyyy";
        }, Locale.forLanguageTag(lang)));
        return switch (lang + ":" + key) {
            case "fi:withdrawal" -> "Palautus on 14 päivän peruuttamisoikeuden sisällä (viimeistään " + d + ").";
            case "sv:withdrawal" -> "Returen görs inom den lagstadgade ångerrätten på 14 dagar (senast " + d + ").";
            case "fi:shop" -> "Lakisääteinen peruuttamisoikeus on päättynyt, mutta palautus on kaupan oman "
                    + "palautusajan sisällä (viimeistään " + d + ").";
            case "sv:shop" -> "Den lagstadgade ångerrätten har gått ut, men returen görs inom butikens egen "
                    + "returrätt (senast " + d + ").";
            case "fi:outside" -> "Palautusaika päättyi " + d + ". Käsittelemme pyyntösi silti; jos tuotteessa on "
                    + "vika, tee siitä reklamaatio.";
            case "sv:outside" -> "Returtiden gick ut " + d + ". Vi behandlar ändå din förfrågan; om varan är "
                    + "felaktig, gör en reklamation.";
            case "fi:complaint" -> "Reklamaatio ei riipu palautusajasta: vastaamme tuotteen virheistä "
                    + "kuluttajansuojalain mukaan.";
            case "sv:complaint" -> "En reklamation beror inte på returtiden: vi ansvarar för fel enligt "
                    + "konsumentköplagen.";
            case "en:withdrawal" -> "Your return is within the 14-day right of withdrawal (until " + d + ").";
            case "en:shop" -> "The statutory 14-day right of withdrawal has passed, but your return is within the "
                    + "shop's own return window (until " + d + ").";
            case "en:outside" -> "The return window ended on " + d + ". We will still look at your request; if the "
                    + "product is faulty, please make a complaint.";
            default -> "A complaint does not depend on the return window: we answer for defects under consumer law.";
        };
    }
}
