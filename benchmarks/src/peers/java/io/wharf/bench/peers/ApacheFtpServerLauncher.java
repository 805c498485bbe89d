package io.wharf.bench.peers;

import io.wharf.server.auth.Argon2idHasher;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * Starts Apache FtpServer (MINA) as a peer for {@code benchmarks/compare}: one listener on an address and port, a
 * passive range, explicit FTPS (TLS 1.2) offered, not required, from a PKCS#12 keystore, and one user whose password
 * is checked against the same Argon2id hash Wharf's users file holds. Runs until killed. Benchmark tooling only:
 * built with {@code -Ppeers}, never part of the default build.
 *
 * <pre>
 * java -cp benchmarks/target/wharf-benchmarks.jar io.wharf.bench.peers.ApacheFtpServerLauncher \
 *     --address 127.0.0.1 --port 9903 --passive 25000-29999 --user wharfbench --hash-file hash.txt \
 *     --home /mnt/root/apache --keystore server.p12 --keystore-password secret --max-logins 10000
 * </pre>
 */
public final class ApacheFtpServerLauncher {

    private ApacheFtpServerLauncher() {
    }

    /**
     * Parses {@code --name value} pairs, starts the server and blocks.
     *
     * @param args see the class comment; {@code --keystore} is optional (no FTPS without it)
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        FtpServerFactory serverFactory = new FtpServerFactory();

        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassivePorts(o.passive);
        data.setPassiveAddress(o.address);
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress(o.address);
        listener.setPort(o.port);
        listener.setIdleTimeout(600);
        if (o.keystore != null) {
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(new File(o.keystore));
            ssl.setKeystorePassword(o.keystorePassword);
            ssl.setKeystoreType("PKCS12");
            // TLS 1.2 only: with TLS 1.3 negotiated, Apache FtpServer 1.2.0 (MINA 2.1.6 SslFilter) stops answering
            // on the control connection right after AUTH TLS (curl 7.88 waits for the reply to USER forever).
            ssl.setSslProtocol("TLSv1.2");
            listener.setSslConfiguration(ssl.createSslConfiguration());
            listener.setImplicitSsl(false);
            data.setSslConfiguration(ssl.createSslConfiguration());
        }
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        serverFactory.addListener("default", listener.createListener());

        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setMaxLogins(o.maxLogins);
        connections.setAnonymousLoginEnabled(false);
        connections.setLoginFailureDelay(0);
        serverFactory.setConnectionConfig(connections.createConnectionConfig());

        String hash = Files.readString(Path.of(o.hashFile), StandardCharsets.UTF_8).trim();
        serverFactory.setUserManager(new HashedUserManager(o.user, hash, o.home));

        FtpServer server = serverFactory.createServer();
        server.start();
        System.out.println("apache-ftpserver listening on " + o.address + ":" + o.port + " passive " + o.passive
                + (o.keystore != null ? " (explicit FTPS offered)" : ""));
        new CountDownLatch(1).await();
    }

    /** The command line, as parsed fields. */
    private static final class Options {
        String address = "127.0.0.1";
        int port;
        String passive;
        String user;
        String hashFile;
        String home;
        String keystore;
        String keystorePassword;
        int maxLogins = 10_000;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--address" -> o.address = value;
                    case "--port" -> o.port = Integer.parseInt(value);
                    case "--passive" -> o.passive = value;
                    case "--user" -> o.user = value;
                    case "--hash-file" -> o.hashFile = value;
                    case "--home" -> o.home = value;
                    case "--keystore" -> o.keystore = value;
                    case "--keystore-password" -> o.keystorePassword = value;
                    case "--max-logins" -> o.maxLogins = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (args.length % 2 != 0 || o.port == 0 || o.passive == null || o.user == null || o.hashFile == null
                    || o.home == null) {
                throw new IllegalArgumentException("need --port, --passive, --user, --hash-file and --home");
            }
            return o;
        }
    }

    /**
     * One user, read-write, no login or rate limits, whose password is verified against an Argon2id hash on every
     * login (Apache FtpServer has no cache of verified logins; Wharf has one).
     */
    private static final class HashedUserManager implements UserManager {
        private final String name;
        private final String hash;
        private final BaseUser user;

        HashedUserManager(String name, String hash, String home) {
            this.name = name;
            this.hash = hash;
            BaseUser u = new BaseUser();
            u.setName(name);
            u.setHomeDirectory(home);
            u.setEnabled(true);
            u.setMaxIdleTime(0);
            List<Authority> authorities = new ArrayList<>();
            authorities.add(new WritePermission());
            authorities.add(new ConcurrentLoginPermission(0, 0));
            authorities.add(new TransferRatePermission(0, 0));
            u.setAuthorities(authorities);
            this.user = u;
        }

        @Override
        public User getUserByName(String userName) {
            return name.equals(userName) ? user : null;
        }

        @Override
        public String[] getAllUserNames() {
            return new String[] {name};
        }

        @Override
        public void delete(String userName) {
            throw new UnsupportedOperationException("read-only user manager");
        }

        @Override
        public void save(User u) {
            throw new UnsupportedOperationException("read-only user manager");
        }

        @Override
        public boolean doesExist(String userName) {
            return name.equals(userName);
        }

        @Override
        public User authenticate(Authentication authentication) throws AuthenticationFailedException {
            if (authentication instanceof UsernamePasswordAuthentication login && name.equals(login.getUsername())
                    && login.getPassword() != null
                    && Argon2idHasher.verify(hash, login.getPassword().getBytes(StandardCharsets.UTF_8))) {
                return user;
            }
            throw new AuthenticationFailedException("authentication failed");
        }

        @Override
        public String getAdminName() {
            return "admin";
        }

        @Override
        public boolean isAdmin(String userName) {
            return false;
        }
    }
}
