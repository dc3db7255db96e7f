package dev.ledgersim.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.examples.AssetTransferContract.Asset;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The asset-transfer-basic stories, each against a fresh in-memory ledger. */
class AssetTransferContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Identity tomoko;
    private static Identity max;

    private ContractTester ledger;

    @BeforeAll
    static void enroll() {
        CertificateAuthority org1 = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(1, "ca/Org1MSP"), Crypto.ecdsa());
        tomoko = org1.enroll("tomoko", Role.CLIENT);
        max = org1.enroll("max", Role.CLIENT);
    }

    @BeforeEach
    void initLedger() {
        ledger = ContractTester.named("basic", AssetTransferContract::new).as(tomoko);
        ledger.submit("InitLedger");
    }

    private static Asset asset(ContractTester.Result result) throws IOException {
        return JSON.readValue(result.payload(), Asset.class);
    }

    private static List<Asset> assets(ContractTester.Result result) throws IOException {
        return JSON.readValue(result.payload(), new TypeReference<List<Asset>>() { });
    }

    @Test
    void afterInitLedgerAnyoneCanListTheSixSampleAssets() throws IOException {
        List<Asset> all = assets(ledger.as(max).evaluate("GetAllAssets"));

        assertEquals(List.of("asset1", "asset2", "asset3", "asset4", "asset5", "asset6"),
                all.stream().map(Asset::id).toList());
        assertEquals(new Asset("asset1", "blue", 5, "tomoko", 300), all.get(0));
    }

    @Test
    void listingAssetsRecordsARangeThatProtectsAgainstPhantoms() {
        ContractTester.Result result = ledger.evaluate("GetAllAssets");

        RangeQueryInfo range = result.rwSet().nsRwSets().get(0).rwset().rangeQueriesInfo().get(0);
        assertTrue(range.itrExhausted());
        assertEquals(6, range.rawReads().size());
    }

    @Test
    void aClientCreatesAnAssetAndReadsItBack() throws IOException {
        Asset created = asset(ledger.submit("CreateAsset", "asset7", "purple", "20", "tomoko", "900"));

        assertEquals(new Asset("asset7", "purple", 20, "tomoko", 900), created);
        assertEquals(created, asset(ledger.evaluate("ReadAsset", "asset7")));
        assertEquals("true", ledger.evaluate("AssetExists", "asset7").payloadAsString());
    }

    @Test
    void creatingAnAssetWhoseIdIsTakenFailsWithAnErrorCode() {
        ChaincodeException e = assertThrows(ChaincodeException.class,
                () -> ledger.submit("CreateAsset", "asset1", "pink", "1", "max", "1"));

        assertEquals("Asset asset1 already exists", e.getMessage());
        assertArrayEquals("ASSET_ALREADY_EXISTS".getBytes(UTF_8), e.getPayload());
    }

    @Test
    void readingAnAssetThatDoesNotExistFailsWithAnErrorCode() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> ledger.evaluate("ReadAsset", "asset99"));

        assertEquals("Asset asset99 does not exist", e.getMessage());
        assertArrayEquals("ASSET_NOT_FOUND".getBytes(UTF_8), e.getPayload());
        assertEquals("false", ledger.evaluate("AssetExists", "asset99").payloadAsString());
    }

    @Test
    void anAppraiserUpdatesAnAssetsValue() throws IOException {
        ledger.submit("UpdateAsset", "asset2", "red", "5", "brad", "450");

        assertEquals(450, asset(ledger.evaluate("ReadAsset", "asset2")).appraisedValue());
    }

    @Test
    void updatingOrDeletingAMissingAssetFails() {
        assertEquals("Asset asset99 does not exist", assertThrows(ChaincodeException.class,
                () -> ledger.submit("UpdateAsset", "asset99", "red", "5", "brad", "450")).getMessage());
        assertEquals("Asset asset99 does not exist", assertThrows(ChaincodeException.class,
                () -> ledger.submit("DeleteAsset", "asset99")).getMessage());
    }

    @Test
    void aDeletedAssetIsGone() throws IOException {
        ledger.submit("DeleteAsset", "asset6");

        assertEquals("false", ledger.evaluate("AssetExists", "asset6").payloadAsString());
        assertEquals(5, assets(ledger.evaluate("GetAllAssets")).size());
        assertNull(ledger.state("asset6"));
    }

    @Test
    void theOwnerTransfersAnAssetAndListenersAreTold() throws IOException {
        ContractTester.Result transfer = ledger.as(tomoko).submit("TransferAsset", "asset1", "max");

        assertEquals("tomoko", transfer.payloadAsString(), "the previous owner");
        assertEquals("max", asset(ledger.evaluate("ReadAsset", "asset1")).owner());
        ChaincodeEvent event = transfer.event().orElseThrow();
        assertEquals(AssetTransferContract.TRANSFER_EVENT, event.eventName());
        assertEquals("basic", event.chaincodeId());
        assertEquals(transfer.txId(), event.txId());
        assertEquals(new Asset("asset1", "blue", 5, "max", 300), JSON.readValue(event.payload().toByteArray(), Asset.class));
    }

    @Test
    void someoneWhoIsNotTheOwnerCannotTransferTheAsset() throws IOException {
        ChaincodeException e = assertThrows(ChaincodeException.class,
                () -> ledger.as(max).submit("TransferAsset", "asset1", "max"));

        assertEquals("Asset asset1 is owned by tomoko, not by max", e.getMessage());
        assertArrayEquals("NOT_OWNER".getBytes(UTF_8), e.getPayload());
        assertEquals("tomoko", asset(ledger.evaluate("ReadAsset", "asset1")).owner(), "nothing changed");
    }

    @Test
    void theNewOwnerCanPassTheAssetOn() throws IOException {
        ledger.as(tomoko).submit("TransferAsset", "asset1", "max");

        ledger.as(max).submit("TransferAsset", "asset1", "tomoko");

        assertEquals("tomoko", asset(ledger.evaluate("ReadAsset", "asset1")).owner());
    }

    @Test
    void evaluatingATransferChangesNothing() throws IOException {
        ledger.as(tomoko).evaluate("TransferAsset", "asset1", "max");

        assertEquals("tomoko", asset(ledger.evaluate("ReadAsset", "asset1")).owner());
    }
}
