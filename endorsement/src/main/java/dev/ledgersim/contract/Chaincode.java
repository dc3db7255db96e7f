package dev.ledgersim.contract;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Holder of {@link Response}, the result of one chaincode invocation, named as in Fabric Java
 * ({@code org.hyperledger.fabric.shim.Chaincode.Response}) so that contracts calling
 * {@link ChaincodeStub#invokeChaincode} port unchanged.
 *
 * <p>Unlike Fabric's {@code Chaincode} this is not something contracts implement: LedgerSim runs
 * {@link ContractInterface} classes only.
 */
public final class Chaincode {

    private Chaincode() {
    }

    /**
     * A chaincode response: status code, message and payload. Immutable; the payload is copied in and
     * out. Status codes below {@link Status#ERROR_THRESHOLD} (400) are successes, as on Fabric, where
     * a peer refuses to endorse any response with a status of 400 or more.
     */
    public static final class Response {

        private final int statusCode;
        private final String message;
        private final byte[] payload;

        /** A response with {@code status}'s code; {@code message} and {@code payload} may be null. */
        public Response(Status status, String message, byte[] payload) {
            this(status.getCode(), message, payload);
        }

        /** A response with any status code; {@code message} and {@code payload} may be null. */
        public Response(int statusCode, String message, byte[] payload) {
            this.statusCode = statusCode;
            this.message = message;
            this.payload = payload == null ? null : payload.clone();
        }

        /** A {@link Status#SUCCESS} response with {@code payload} and no message. */
        public static Response success(byte[] payload) {
            return new Response(Status.SUCCESS, null, payload);
        }

        /** An {@link Status#INTERNAL_SERVER_ERROR} response with {@code message} and {@code payload}. */
        public static Response error(String message, byte[] payload) {
            return new Response(Status.INTERNAL_SERVER_ERROR, message, payload);
        }

        /**
         * The status as one of the named {@link Status} values, or {@code null} when the code is not one
         * of them (as Fabric Java); {@link #getStatusCode()} always has the number.
         */
        public Status getStatus() {
            return Status.hasStatusForCode(statusCode) ? Status.forCode(statusCode) : null;
        }

        /** The status code, e.g. 200 or 500. */
        public int getStatusCode() {
            return statusCode;
        }

        /** Whether the status code is below {@link Status#ERROR_THRESHOLD} (400). */
        public boolean isSuccessful() {
            return statusCode < Status.ERROR_THRESHOLD.getCode();
        }

        /** The message (usually set on errors), or {@code null}. */
        public String getMessage() {
            return message;
        }

        /** A copy of the payload, or {@code null} when there is none. */
        public byte[] getPayload() {
            return payload == null ? null : payload.clone();
        }

        /** The payload decoded as UTF-8, or {@code null} when there is none. */
        public String getStringPayload() {
            return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response other && statusCode == other.statusCode
                    && java.util.Objects.equals(message, other.message) && Arrays.equals(payload, other.payload);
        }

        @Override
        public int hashCode() {
            return (31 * statusCode + java.util.Objects.hashCode(message)) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Response[" + statusCode + (message == null ? "" : ", " + message)
                    + ", " + (payload == null ? "no payload" : payload.length + " payload bytes") + "]";
        }

        /** The named status codes of Fabric's {@code Chaincode.Response.Status}. */
        public enum Status {
            /** The invocation succeeded. */
            SUCCESS(200),
            /** The lowest error code: a response with this code or above is a failure. */
            ERROR_THRESHOLD(400),
            /** The invocation failed. */
            INTERNAL_SERVER_ERROR(500);

            private final int code;

            Status(int code) {
                this.code = code;
            }

            /** The numeric code. */
            public int getCode() {
                return code;
            }

            /**
             * The status with {@code code}.
             *
             * @throws IllegalArgumentException when no named status has that code
             */
            public static Status forCode(int code) {
                for (Status status : values()) {
                    if (status.code == code) {
                        return status;
                    }
                }
                throw new IllegalArgumentException("no status for code " + code);
            }

            /** Whether a named status has {@code code}. */
            public static boolean hasStatusForCode(int code) {
                for (Status status : values()) {
                    if (status.code == code) {
                        return true;
                    }
                }
                return false;
            }
        }
    }
}
