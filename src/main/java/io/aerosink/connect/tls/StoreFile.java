package io.aerosink.connect.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;

import io.aerosink.connect.config.StoreSettings;

/**
 * Opens a configured store file. Each way it can fail is blamed on the setting to fix: a file that is not there or
 * not a store of its type on the location, a password that does not open it on the password.
 */
final class StoreFile {

    private StoreFile() {
    }

    static KeyStore load(StoreSettings store) {
        Path path = Path.of(store.location());
        if (!Files.isRegularFile(path)) {
            throw new StoreException(store.locationKey(), store.locationKey() + ": no file " + store.location(),
                    new NoSuchFileException(store.location()));
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore keys = KeyStore.getInstance(store.type());
            String password = store.password().value();
            keys.load(in, password.isEmpty() ? null : password.toCharArray());
            return keys;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new StoreException(store.passwordKey(), store.passwordKey() + " does not open "
                        + store.location() + " (" + store.locationKey() + ")", e);
            }
            throw new StoreException(store.locationKey(), store.locationKey() + ": cannot read " + store.location()
                    + " as a " + store.type() + " store (" + store.typeKey() + "): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new StoreException(store.locationKey(), store.locationKey() + ": cannot read " + store.location()
                    + " as a " + store.type() + " store (" + store.typeKey() + "): " + e.getMessage(), e);
        }
    }
}
