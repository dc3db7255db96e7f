package dev.ledgersim.ledger.testing;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.validation.BlockValidator;
import dev.ledgersim.ledger.validation.NamespacePolicies;
import dev.ledgersim.ledger.validation.NamespacePolicy;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two organisations with a client and a peer each, a channel's MSPs, chaincode policies and block
 * assembly, shared by the ledger tests. Identities are built once per JVM (deterministically).
 */
public final class LedgerFixture {

    /** The channel of every test ledger. */
    public static final String CHANNEL = "ch1";

    public static final CertificateAuthority ORG1 = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
            DeterministicRandom.fromSeed(5, "ca/Org1MSP"), Crypto.ecdsa());
    public static final CertificateAuthority ORG2 = CertificateAuthority.create(CaConfig.defaults("Org2MSP"),
            DeterministicRandom.fromSeed(5, "ca/Org2MSP"), Crypto.ecdsa());
    public static final Identity CLIENT1 = ORG1.enroll("client1", Role.CLIENT);
    public static final Identity PEER1 = ORG1.enroll("peer0.org1msp", Role.PEER);
    public static final Identity PEER1B = ORG1.enroll("peer1.org1msp", Role.PEER);
    public static final Identity PEER2 = ORG2.enroll("peer0.org2msp", Role.PEER);
    public static final Identity MALLORY = ORG1.enroll("mallory", Role.CLIENT);
    public static final MspManager MSPS;

    static {
        ORG1.revoke(MALLORY, CaConfig.DEFAULT_VALID_FROM.plusSeconds(60));
        MSPS = new MspManager(List.of(ORG1.msp(), ORG2.msp()));
    }

    /**
     * {@code mycc}: AND of both orgs' peers, collection {@code secret} with its own policy
     * OR('Org1MSP.peer'); {@code othercc}: any Org1 member.
     */
    public static final NamespacePolicies POLICIES = namespace -> switch (namespace) {
        case "mycc" -> Optional.of(NamespacePolicy.of("mycc", "1.0", Policy.parse("AND('Org1MSP.peer', 'Org2MSP.peer')"),
                Map.of("secret", Policy.parse("OR('Org1MSP.peer')"))));
        case "othercc" -> Optional.of(NamespacePolicy.of("othercc", "1.0", Policy.parse("OR('Org1MSP.member')")));
        default -> Optional.empty();
    };

    private LedgerFixture() {
    }

    /** A transaction named {@code label} (its nonce derives from it) created by {@code creator}. */
    public static TxBuilder tx(String label, Identity creator) {
        return new TxBuilder(label, creator);
    }

    /** A valid transaction by client1 on mycc endorsed by both peers. */
    public static TxBuilder tx(String label) {
        return new TxBuilder(label, CLIENT1).endorsedBy(PEER1, PEER2);
    }

    /** A single-threaded validator for the test channel. */
    public static BlockValidator validator() {
        return new BlockValidator(CHANNEL, MSPS, POLICIES, Runnable::run);
    }

    /** A block {@code number} after {@code previousHeaderHash} holding {@code envelopes}. */
    public static ProtocolBlock block(long number, Bytes previousHeaderHash, List<Bytes> envelopes) {
        BlockHeader header = new BlockHeader(number, previousHeaderHash, Hashes.blockDataHash(envelopes));
        List<Bytes> metadata = new ArrayList<>(List.of(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY));
        return new ProtocolBlock(header, envelopes, metadata);
    }
}
