package io.tiski.social.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiski.events.v1.Channel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetaEventsTest {
    static ParsedDelivery parse(String platform, String accountId, String json) {
        return MetaEvents.parse("shop", platform, accountId, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBatchOfSeveralEntriesIsSeveralMessagesAndEchoesAreIgnored() {
        ParsedDelivery parsed = parse("messenger", "PAGE", """
                {"object": "page", "entry": [
                  {"id": "PAGE", "time": 1, "messaging": [
                    {"sender": {"id": "U1"}, "recipient": {"id": "PAGE"}, "timestamp": 1795460000000,
                     "message": {"mid": "m_1", "text": "eka"}},
                    {"sender": {"id": "PAGE"}, "recipient": {"id": "U1"}, "timestamp": 1795460001000,
                     "message": {"mid": "m_2", "text": "our reply", "is_echo": true}}]},
                  {"id": "PAGE", "time": 2, "messaging": [
                    {"sender": {"id": "U2"}, "recipient": {"id": "PAGE"}, "timestamp": 1795460002000,
                     "message": {"mid": "m_3", "text": "toka"}}]}]}""");
        assertThat(parsed.messages()).extracting(SocialMessage::text).containsExactly("eka", "toka");
        assertThat(parsed.messages().get(0).channel()).isEqualTo(Channel.MESSENGER);
        assertThat(parsed.messages().get(0).conversationKey()).isEqualTo("messenger:shop:U1");
        assertThat(parsed.messages().get(0).sourceMessageId()).isEqualTo("messenger:shop:m_1");
        assertThat(parsed.ignored()).isEqualTo(1);
    }

    @Test
    void deliveryAndReadReceiptsBecomeReceipts() {
        ParsedDelivery parsed = parse("messenger", "PAGE", """
                {"object": "page", "entry": [{"id": "PAGE", "messaging": [
                  {"sender": {"id": "U1"}, "recipient": {"id": "PAGE"}, "timestamp": 1795460000000,
                   "delivery": {"mids": ["m_9"], "watermark": 1795460000000}},
                  {"sender": {"id": "U1"}, "recipient": {"id": "PAGE"}, "timestamp": 1795460005000,
                   "read": {"watermark": 1795460004000}}]}]}""");
        assertThat(parsed.receipts()).extracting(DeliveryReceipt::status).containsExactly("DELIVERED", "DELIVERED",
                "READ");
        assertThat(parsed.receipts().get(0).providerMessageId()).isEqualTo("m_9");
        assertThat(parsed.receipts().get(2).conversationKey()).isEqualTo("messenger:shop:U1");
    }

    @Test
    void aBodyOfAnotherPlatformOrWithoutSenderIsRefusedWithAReason() {
        assertThatThrownBy(() -> parse("whatsapp", "N", "{\"object\": \"page\", \"entry\": []}"))
                .hasMessageContaining("a page webhook for the whatsapp connection");
        assertThatThrownBy(() -> parse("messenger", "P", "{\"object\": \"user\", \"entry\": []}"))
                .hasMessageContaining("object is user");
        assertThatThrownBy(() -> parse("messenger", "P", "[1, 2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parse("messenger", "P", "{\"object\": \"page\", \"entry\": [{\"messaging\": "
                + "[{\"message\": {\"mid\": \"m\"}}]}]}")).hasMessageContaining("sender without id");
    }

    @Test
    void whatsappInteractiveLocationAndStatusesAreRead() {
        ParsedDelivery parsed = parse("whatsapp", "PN", """
                {"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [{"field": "messages",
                  "value": {"metadata": {"phone_number_id": "PN"}, "contacts": [{"profile": {"name": "Erik"},
                    "wa_id": "358401"}],
                    "messages": [
                      {"from": "358401", "id": "wamid.1", "timestamp": "1795460000", "type": "interactive",
                       "interactive": {"type": "button_reply", "button_reply": {"id": "RETURN", "title": "Palautus"}}},
                      {"from": "358401", "id": "wamid.2", "timestamp": "1795460001", "type": "location",
                       "location": {"latitude": 60.17, "longitude": 24.94, "name": "Kamppi"}}],
                    "statuses": [{"id": "wamid.out", "status": "failed", "timestamp": "1795460002",
                      "errors": [{"code": 131047, "title": "Re-engagement message"}]}]}}]}]}""");
        assertThat(parsed.messages()).extracting(SocialMessage::text).containsExactly("Palautus",
                "[location 60.17, 24.94 Kamppi]");
        assertThat(parsed.messages().get(0).context()).containsEntry("quickReply", "RETURN");
        assertThat(parsed.messages().get(0).from().displayName()).isEqualTo("Erik");
        assertThat(parsed.receipts()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("FAILED");
            assertThat(r.reason()).isEqualTo("WhatsApp: Re-engagement message");
        });
    }

    @Test
    void anotherNumbersMessagesAreNotThisConnections() {
        ParsedDelivery parsed = parse("whatsapp", "PN", """
                {"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [{"field": "messages",
                  "value": {"metadata": {"phone_number_id": "OTHER"}, "messages": [
                    {"from": "1", "id": "wamid.1", "timestamp": "1", "type": "text", "text": {"body": "x"}}]}}]}]}""");
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.ignored()).isEqualTo(1);
    }
}
