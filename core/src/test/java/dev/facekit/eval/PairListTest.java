package dev.facekit.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairListTest {

    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void csvKeepsOrderLabelsAndLinesAndIgnoresQuotedNotes() throws IOException {
        Path f =
                write(
                        "pairs.csv",
                        "file_a,file_b,same,notes\n"
                                + "a/1.jpg,a/2.jpg,1,\n"
                                + "\n"
                                + "a/1.jpg,b/1.jpg,0,\"missing, see \"\"source\"\"\"\n"
                                + "c/1.jpg , c/2.jpg,true,plain\n");

        PairList list = PairList.read(f);

        assertThat(list.pairs())
                .containsExactly(
                        new VerificationPair(
                                "a/1.jpg", "a/2.jpg", true, VerificationPair.NO_FOLD, 2),
                        new VerificationPair(
                                "a/1.jpg", "b/1.jpg", false, VerificationPair.NO_FOLD, 4),
                        new VerificationPair(
                                "c/1.jpg", "c/2.jpg", true, VerificationPair.NO_FOLD, 5));
        assertThat(list.hasFolds()).isFalse();
        assertThat(list.name()).isEqualTo("pairs.csv");
    }

    @Test
    void csvReadsTheFoldColumnInAnyPosition() throws IOException {
        Path f = write("f.csv", "fold,same,file_b,file_a\n3,0,x.jpg,y.jpg\n4,1,p.jpg,q.jpg\n");

        PairList list = PairList.readCsv(f);

        assertThat(list.hasFolds()).isTrue();
        assertThat(list.pairs())
                .containsExactly(
                        new VerificationPair("y.jpg", "x.jpg", false, 3, 2),
                        new VerificationPair("q.jpg", "p.jpg", true, 4, 3));
    }

    @Test
    void csvErrorsNameTheFileAndLine() throws IOException {
        Path noSame = write("a.csv", "file_a,file_b,label\nx,y,1\n");
        Path badSame = write("b.csv", "file_a,file_b,same\nx,y,1\nx,y,yes\n");
        Path shortRow = write("c.csv", "file_a,file_b,same\nx,y\n");
        Path badFold = write("d.csv", "file_a,file_b,same,fold\nx,y,1,one\n");
        Path quote = write("e.csv", "file_a,file_b,same\n\"x,y,1\n");

        assertThatThrownBy(() -> PairList.read(noSame))
                .hasMessage(
                        noSame
                                + " line 1: missing column 'same', header is [file_a, file_b, label]");
        assertThatThrownBy(() -> PairList.read(badSame))
                .hasMessage(
                        badSame
                                + " line 3: column 'same' must be 1, 0, true or false, found 'yes'");
        assertThatThrownBy(() -> PairList.read(shortRow))
                .hasMessage(shortRow + " line 2: expected 3 fields as in the header, found 2");
        assertThatThrownBy(() -> PairList.read(badFold))
                .hasMessage(badFold + " line 2: column 'fold' must be an integer, found 'one'");
        assertThatThrownBy(() -> PairList.read(quote))
                .hasMessage(quote + " line 2: unterminated quoted field");
    }

    @Test
    void lfwTextWithSetsGivesOneFoldPerSet() throws IOException {
        Path f =
                write(
                        "pairs.txt",
                        "2\t1\n"
                                + "Ann_Lee\t1\t2\n"
                                + "Bob\t3\tCarl_Doe\t12\n"
                                + "Dan 1 4\n"
                                + "Eve   2   Fay 1\n");

        PairList list = PairList.read(f);

        assertThat(list.pairs())
                .containsExactly(
                        new VerificationPair(
                                "Ann_Lee/Ann_Lee_0001.jpg", "Ann_Lee/Ann_Lee_0002.jpg", true, 0, 2),
                        new VerificationPair(
                                "Bob/Bob_0003.jpg", "Carl_Doe/Carl_Doe_0012.jpg", false, 0, 3),
                        new VerificationPair("Dan/Dan_0001.jpg", "Dan/Dan_0004.jpg", true, 1, 4),
                        new VerificationPair("Eve/Eve_0002.jpg", "Fay/Fay_0001.jpg", false, 1, 5));
    }

    @Test
    void lfwTextWithOneSetHasNoFoldsAndTakesAPrefix() throws IOException {
        Path f = write("pairsDevTest.txt", "1\nAnn\t1\t2\nBob\t3\tCarl\t1\n\n");

        PairList list = PairList.readLfw(f, "lfw/");

        assertThat(list.hasFolds()).isFalse();
        assertThat(list.pairs().get(1).fileA()).isEqualTo("lfw/Bob/Bob_0003.jpg");
        assertThat(list.pairs().get(1).same()).isFalse();
    }

    @Test
    void lfwTextErrorsNameTheFileAndLine() throws IOException {
        Path tooFew = write("few.txt", "2\nA\t1\t2\nB\t1\t2\nC\t1\tD\t1\n");
        Path tooMany = write("many.txt", "1\nA\t1\t2\nC\t1\tD\t1\nE\t1\t2\n");
        Path wrongShape = write("shape.txt", "1\nA\t1\tB\t2\nC\t1\tD\t1\n");
        Path badNumber = write("num.txt", "1\nA\t1\tx\nC\t1\tD\t1\n");

        assertThatThrownBy(() -> PairList.read(tooFew))
                .hasMessage(tooFew + " line 5: header promises 4 pairs, found only 3");
        assertThatThrownBy(() -> PairList.read(tooMany))
                .hasMessage(tooMany + " line 4: header promises 2 pairs, found more lines");
        assertThatThrownBy(() -> PairList.read(wrongShape))
                .hasMessage(
                        wrongShape
                                + " line 2: expected a same pair 'name n1 n2', found: A\t1\tB\t2");
        assertThatThrownBy(() -> PairList.read(badNumber))
                .hasMessage(badNumber + " line 2: expected a positive integer, found 'x'");
    }
}
