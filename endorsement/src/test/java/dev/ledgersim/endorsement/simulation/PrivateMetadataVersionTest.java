package dev.ledgersim.endorsement.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import dev.ledgersim.endorsement.CollectionConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A metadata-only update of a private key moves its private version with its hashed one, so it stays readable. */
class PrivateMetadataVersionTest {

    /** Writes, protects and reads a private key. */
    @Contract(name = "pm")
    @Default
    public static final class PrivateMeta implements ContractInterface {
        /** Puts a private value. */
        @Transaction
        public void put(Context ctx, String key, String value) {
            ctx.getStub().putPrivateData("secret", key, value.getBytes(StandardCharsets.UTF_8));
        }

        /** Sets the key's private validation parameter. */
        @Transaction
        public void protect(Context ctx, String key) {
            ctx.getStub().setPrivateDataValidationParameter("secret", key,
                    "OR('Org1MSP.peer')".getBytes(StandardCharsets.UTF_8));
        }

        /** Reads the private value. */
        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String get(Context ctx, String key) {
            return new String(ctx.getStub().getPrivateData("secret", key), StandardCharsets.UTF_8);
        }
    }

    @Test
    void privateValueStaysReadableAfterItsValidationParameterChanges() {
        ContractTester tester = ContractTester.of(PrivateMeta::new)
                .collection(CollectionConfig.builder("secret").memberOrgsPolicy("OR('Org1MSP.member')").build());
        tester.submit("put", "p1", "diagnosis");
        tester.submit("protect", "p1");
        assertEquals("diagnosis", tester.evaluate("get", "p1").payloadAsString());
    }
}
