package io.tiski.events.v1;

import java.time.LocalDate;

/**
 * What an acknowledgement of a return or complaint confirms, from the shop's policy as the return form applied it.
 *
 * @param requestType RETURN or COMPLAINT
 * @param window WITHDRAWAL (within the statutory right), SHOP_WINDOW (within the shop's own longer window),
 *     OUTSIDE (past both) or COMPLAINT (a defect: no window applies)
 * @param accepted whether the return can go ahead under the policy
 * @param deadline the last day to send the items back; null for a complaint or a refused return
 * @param cost what returning costs the customer: "free" or an amount as the shop writes it ("5,90 €")
 * @param returnAddress where the items go, as lines separated by newlines; null when a label link is all
 * @param labelUrl where the customer prints or fetches the prepaid return label, if the shop has one
 */
public record ReturnConfirmation(String requestType, String orderNumber, String window, boolean accepted,
        LocalDate deadline, String cost, String returnAddress, String labelUrl) {
}
