package io.tiski.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiski.events.v1.SenderClassification;
import org.junit.jupiter.api.Test;

class AcknowledgementPolicyTest {
    final AcknowledgementPolicy policy = new AcknowledgementPolicy(true);

    @Test
    void aPersonGetsAnAcknowledgement() {
        assertThat(policy.reasonNotToAcknowledge(SenderClassification.PERSON, "maija@example.fi")).isEmpty();
    }

    @Test
    void autoRepliesBouncesAndListsNever() {
        for (SenderClassification c : new SenderClassification[] {SenderClassification.AUTO_REPLY,
                SenderClassification.OUT_OF_OFFICE, SenderClassification.BOUNCE, SenderClassification.MAILING_LIST,
                SenderClassification.BULK, SenderClassification.OWN_MESSAGE}) {
            assertThat(policy.reasonNotToAcknowledge(c, "maija@example.fi")).as(c.name()).isPresent();
        }
    }

    @Test
    void machineAddressesNever() {
        for (String address : new String[] {"noreply@shop.example", "no-reply@x.fi", "MAILER-DAEMON@mx.example",
                "postmaster@example.se", "list-request@lists.example", "do-not-reply@bank.example"}) {
            assertThat(policy.reasonNotToAcknowledge(SenderClassification.PERSON, address)).as(address).isPresent();
        }
    }

    @Test
    void switchedOffMeansNone() {
        assertThat(new AcknowledgementPolicy(false).reasonNotToAcknowledge(SenderClassification.PERSON, "a@b.fi"))
                .contains("acknowledgements are switched off");
    }

    @Test
    void aBrandAcknowledgesOnlyOnItsChannelsAndNobodyAcknowledgesAReaction() {
        AcknowledgementPolicy emailOnly = new AcknowledgementPolicy(true, java.util.EnumSet.of(
                io.tiski.events.v1.Channel.EMAIL));
        assertThat(emailOnly.reasonNotToAcknowledge(io.tiski.events.v1.Channel.EMAIL, SenderClassification.PERSON,
                "maija@example.fi", false)).isEmpty();
        assertThat(emailOnly.reasonNotToAcknowledge(io.tiski.events.v1.Channel.TELEGRAM, SenderClassification.PERSON,
                "telegram:1", false)).hasValueSatisfying(r -> assertThat(r).contains("not sent on TELEGRAM"));
        assertThat(policy.reasonNotToAcknowledge(io.tiski.events.v1.Channel.WHATSAPP, SenderClassification.PERSON,
                "whatsapp:+358401", true)).hasValue("the message is a reaction or sticker");
        assertThat(policy.reasonNotToAcknowledge(io.tiski.events.v1.Channel.WHATSAPP, SenderClassification.PERSON,
                "whatsapp:+358401", false)).isEmpty();
    }
}
