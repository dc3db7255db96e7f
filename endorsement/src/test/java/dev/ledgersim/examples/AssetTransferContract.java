package dev.ledgersim.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.KeyValue;
import dev.ledgersim.contract.QueryResultsIterator;
import dev.ledgersim.contract.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Fabric's {@code asset-transfer-basic} sample contract, ported to LedgerSim: assets stored as JSON
 * under their id, with create, read, update, delete, exists, transfer and list. Two additions show
 * the rest of the API: only an asset's owner may transfer it (checked with the caller's
 * {@link dev.ledgersim.contract.ClientIdentity}), and every transfer emits a {@code TransferAsset}
 * event carrying the updated asset.
 *
 * <p>An asset's {@code owner} is the owner's enrollment id (the {@code hf.EnrollmentID} attribute the
 * CA puts into every certificate), so a client proves ownership just by signing the proposal.
 */
@Contract(name = "basic")
@Default
public final class AssetTransferContract implements ContractInterface {

    /**
     * An asset as stored on the ledger (JSON, fields in this order).
     *
     * @param id the asset id, also its key
     * @param color the colour
     * @param size the size
     * @param owner the owner's enrollment id
     * @param appraisedValue the appraised value
     */
    public record Asset(String id, String color, int size, String owner, int appraisedValue) {
    }

    /** Error codes, sent as the payload of a failed transaction for clients to branch on. */
    public enum AssetTransferErrors {
        ASSET_NOT_FOUND,
        ASSET_ALREADY_EXISTS,
        NOT_OWNER
    }

    /** The event a transfer emits. */
    public static final String TRANSFER_EVENT = "TransferAsset";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Creates the sample's six assets. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void InitLedger(Context ctx) {
        List<Asset> assets = List.of(
                new Asset("asset1", "blue", 5, "tomoko", 300),
                new Asset("asset2", "red", 5, "brad", 400),
                new Asset("asset3", "green", 10, "jinsoo", 500),
                new Asset("asset4", "yellow", 10, "max", 600),
                new Asset("asset5", "black", 15, "adriana", 700),
                new Asset("asset6", "white", 15, "michel", 800));
        for (Asset asset : assets) {
            store(ctx.getStub(), asset);
        }
    }

    /** Creates a new asset; fails if the id is taken. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public Asset CreateAsset(Context ctx, String assetID, String color, int size, String owner, int appraisedValue) {
        if (AssetExists(ctx, assetID)) {
            throw new ChaincodeException(String.format("Asset %s already exists", assetID),
                    AssetTransferErrors.ASSET_ALREADY_EXISTS.toString());
        }
        Asset asset = new Asset(assetID, color, size, owner, appraisedValue);
        store(ctx.getStub(), asset);
        return asset;
    }

    /** The asset with id {@code assetID}; fails if there is none. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public Asset ReadAsset(Context ctx, String assetID) {
        String json = ctx.getStub().getStringState(assetID);
        if (json.isEmpty()) {
            throw new ChaincodeException(String.format("Asset %s does not exist", assetID),
                    AssetTransferErrors.ASSET_NOT_FOUND.toString());
        }
        return parse(json);
    }

    /** Replaces an existing asset's fields. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public Asset UpdateAsset(Context ctx, String assetID, String color, int size, String owner, int appraisedValue) {
        if (!AssetExists(ctx, assetID)) {
            throw new ChaincodeException(String.format("Asset %s does not exist", assetID),
                    AssetTransferErrors.ASSET_NOT_FOUND.toString());
        }
        Asset asset = new Asset(assetID, color, size, owner, appraisedValue);
        store(ctx.getStub(), asset);
        return asset;
    }

    /** Deletes an existing asset. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void DeleteAsset(Context ctx, String assetID) {
        if (!AssetExists(ctx, assetID)) {
            throw new ChaincodeException(String.format("Asset %s does not exist", assetID),
                    AssetTransferErrors.ASSET_NOT_FOUND.toString());
        }
        ctx.getStub().delState(assetID);
    }

    /** Whether an asset with id {@code assetID} exists. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public boolean AssetExists(Context ctx, String assetID) {
        return !ctx.getStub().getStringState(assetID).isEmpty();
    }

    /**
     * Gives the asset to {@code newOwner}; only its current owner may. Emits {@link #TRANSFER_EVENT}
     * with the updated asset as JSON.
     *
     * @return the previous owner
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String TransferAsset(Context ctx, String assetID, String newOwner) {
        Asset asset = ReadAsset(ctx, assetID);
        String caller = ctx.getClientIdentity().getAttributeValue("hf.EnrollmentID");
        if (!asset.owner().equals(caller)) {
            throw new ChaincodeException(String.format("Asset %s is owned by %s, not by %s", assetID, asset.owner(), caller),
                    AssetTransferErrors.NOT_OWNER.toString());
        }
        Asset transferred = new Asset(asset.id(), asset.color(), asset.size(), newOwner, asset.appraisedValue());
        byte[] json = store(ctx.getStub(), transferred);
        ctx.getStub().setEvent(TRANSFER_EVENT, json);
        return asset.owner();
    }

    /** Every asset, in key order. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public List<Asset> GetAllAssets(Context ctx) {
        List<Asset> assets = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange("", "")) {
            for (KeyValue result : results) {
                assets.add(parse(result.getStringValue()));
            }
        }
        return assets;
    }

    private static byte[] store(ChaincodeStub stub, Asset asset) {
        try {
            byte[] json = JSON.writeValueAsBytes(asset);
            stub.putState(asset.id(), json);
            return json;
        } catch (JsonProcessingException e) {
            throw new ChaincodeException("cannot encode asset " + asset.id() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static Asset parse(String json) {
        try {
            return JSON.readValue(json, Asset.class);
        } catch (JsonProcessingException e) {
            throw new ChaincodeException("the stored asset is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
