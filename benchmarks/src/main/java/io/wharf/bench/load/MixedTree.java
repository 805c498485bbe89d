package io.wharf.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The directory on the server that a {@code mixed} run works in: its paths, its preparation over FTP before the
 * start, and its removal afterwards. Paths are relative to the login directory.
 *
 * <pre>
 *   DIR/list/entry-000 .. entry-099      empty files, what list and mlsd read (--list-entries)
 *   DIR/get/small-0.bin .. small-7.bin   get-small's files, sizes spread evenly over --small-size
 *   DIR/get/large.bin                    get-large's file (--large-size)
 *   DIR/put/sN.part                      session N's put-small target, renamed at once to
 *   DIR/put/sN.bin                         its final name, replacing the last one
 *   DIR/put/sN-large.bin                 session N's put-large target, replaced each time
 * </pre>
 *
 * <p>Every session writes only its own names, so the directory stays bounded however long the run, and no two
 * sessions contend for a file.
 */
final class MixedTree {

    /** Small files prepared for downloads, and distinct small upload sizes, when --small-size is a range. */
    static final int SMALL_STEPS = 8;

    private final String dir;
    private final int listEntries;
    private final SizeRange smallSizes;
    private final long largeSize;

    MixedTree(String dir, int listEntries, SizeRange smallSizes, long largeSize) {
        this.dir = dir;
        this.listEntries = listEntries;
        this.smallSizes = smallSizes;
        this.largeSize = largeSize;
    }

    String dir() {
        return dir;
    }

    int listEntries() {
        return listEntries;
    }

    SizeRange smallSizes() {
        return smallSizes;
    }

    long largeSize() {
        return largeSize;
    }

    String listDir() {
        return dir + "/list";
    }

    /** How many small files there are, and so how many distinct small sizes. */
    int smallFiles() {
        return smallSizes.count(SMALL_STEPS);
    }

    String smallFile(int i) {
        return dir + "/get/small-" + i + ".bin";
    }

    long smallSize(int i) {
        return smallSizes.size(i, smallFiles());
    }

    String largeFile() {
        return dir + "/get/large.bin";
    }

    String partOf(int session) {
        return dir + "/put/s" + session + ".part";
    }

    String smallUpload(int session) {
        return dir + "/put/s" + session + ".bin";
    }

    String largeUpload(int session) {
        return dir + "/put/s" + session + "-large.bin";
    }

    /**
     * Makes the directories and stores the listing entries, the small files and the large one, over one
     * connection. A directory that already exists (a run with {@code --keep}) is used as it is, its files replaced.
     */
    void prepare(FtpTarget target, boolean isPasv, ByteBuffer block) throws IOException {
        try (FtpControl control = FtpControl.open(target)) {
            control.expect(control.command("TYPE I"), 200, "TYPE I");
            for (String d : new String[] {dir, listDir(), dir + "/get", dir + "/put"}) {
                // 550 is also "already exists"; a directory that truly cannot be made fails the first STOR below.
                control.command("MKD " + d);
            }
            PassiveTransfer transfer = new PassiveTransfer(control, isPasv);
            for (int i = 0; i < listEntries; i++) {
                store(transfer, entry(i), block, 0);
            }
            for (int i = 0; i < smallFiles(); i++) {
                store(transfer, smallFile(i), block, smallSize(i));
            }
            store(transfer, largeFile(), block, largeSize);
            control.quit();
        }
    }

    private static void store(PassiveTransfer transfer, String path, ByteBuffer block, long size) throws IOException {
        String stor = "STOR " + path;
        transfer.upload(FtpControl.line(stor), stor, block, size);
    }

    /**
     * Best effort: DELE of every file the run may have made, then RMD of the directories, going on past refusals.
     * Returns {@code "removed N files and 4 directories"}, or that followed by the first refusal or the error that
     * ended it. A session file that is not there (550) was never written and is no refusal.
     */
    String remove(FtpTarget target, int sessions) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < listEntries; i++) {
            files.add(entry(i));
        }
        for (int i = 0; i < smallFiles(); i++) {
            files.add(smallFile(i));
        }
        files.add(largeFile());
        int prepared = files.size();
        for (int session = 0; session < sessions; session++) {
            files.add(partOf(session));
            files.add(smallUpload(session));
            files.add(largeUpload(session));
        }
        int deleted = 0;
        int removed = 0;
        String problem = null;
        try (FtpControl control = FtpControl.open(target)) {
            for (int i = 0; i < files.size(); i++) {
                int code = control.command("DELE " + files.get(i));
                if (code == 250) {
                    deleted++;
                } else if (problem == null && (code != 550 || i < prepared)) {
                    problem = "DELE " + files.get(i) + " -> " + control.lastLine();
                }
            }
            for (String d : new String[] {listDir(), dir + "/get", dir + "/put", dir}) {
                if (control.command("RMD " + d) == 250) {
                    removed++;
                } else if (problem == null) {
                    problem = "RMD " + d + " -> " + control.lastLine();
                }
            }
            control.quit();
        } catch (IOException | IllegalArgumentException e) {
            problem = Preflight.reason(e);
        }
        String done = "removed " + deleted + (deleted == 1 ? " file" : " files") + " and " + removed
                + (removed == 1 ? " directory" : " directories");
        return problem == null ? done : done + "; " + problem;
    }

    /** True for what {@link #remove} returns when it removed everything. */
    static boolean isRemoved(String outcome) {
        return outcome.startsWith("removed ") && !outcome.contains(";");
    }

    private String entry(int i) {
        return String.format(Locale.ROOT, "%s/entry-%03d", listDir(), i);
    }

    /** {@code wharf-bench-mixed: 100 listing entries, small 4.0 KiB..64.0 KiB, large 8.0 MiB}. */
    String describe() {
        return dir + ": " + listEntries + " listing entries, small " + smallSizes + ", large "
                + ByteSize.format(largeSize);
    }
}
