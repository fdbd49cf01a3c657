/* Tests for the .medaka project file: round trip, gzip on disk, plain JSON,
 * atomic saves, migration, and the corpus of broken files in
 * tests/data/projects/ (each must fail with its own error, never crash, and
 * never be modified). */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include "mdk-map-elites.h"
#include "mdk-project.h"
#include "mdk-run-state.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static JsonNode *
genome_json (int seed)
{
  g_autofree char *text = g_strdup_printf (
    "{\"kind\": \"neat\", \"nodes\": [{\"id\": 0}, {\"id\": 1}],"
    " \"connections\": [{\"in\": 0, \"out\": 1, \"weight\": %d.25, \"innovation\": %d}]}",
    seed, seed);

  return parse (text);
}

static MdkProject *
sample_project (void)
{
  MdkProject *project = mdk_project_new ();
  g_autoptr(JsonNode) state = parse ("{\"generation\": 12, \"rng\": [1, 2, 3, 18446744073709551],"
                                     " \"fitness\": 0.1, \"name\": \"caf\\u00e9 ✓\"}");
  g_autoptr(JsonNode) g1 = genome_json (1);
  g_autoptr(JsonNode) g2 = genome_json (2);

  mdk_project_set_state (project, state);
  mdk_project_set_notes (project, "XOR with\nrecurrent links — 日本語");
  mdk_project_add_bookmark (project, "champion", g1);
  mdk_project_add_bookmark (project, "odd one", g2);
  return project;
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("medaka-project-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        rm_rf (child);
      }
  g_remove (path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined with spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
assert_same_project (MdkProject *a,
                     MdkProject *b)
{
  g_assert_cmpstr (mdk_project_get_notes (a), ==, mdk_project_get_notes (b));
  g_assert_cmpuint (mdk_project_get_n_bookmarks (a), ==, mdk_project_get_n_bookmarks (b));
  for (guint i = 0; i < mdk_project_get_n_bookmarks (a); i++)
    {
      g_assert_cmpstr (mdk_project_get_bookmark_label (a, i), ==, mdk_project_get_bookmark_label (b, i));
      g_assert_true (json_node_equal (mdk_project_get_bookmark_genome (a, i),
                                      mdk_project_get_bookmark_genome (b, i)));
    }
  g_assert_true ((mdk_project_get_state (a) == NULL) == (mdk_project_get_state (b) == NULL));
  if (mdk_project_get_state (a) != NULL)
    g_assert_true (json_node_equal (mdk_project_get_state (a), mdk_project_get_state (b)));
}

static void
test_round_trip (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "xor.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MdkProject) project = sample_project ();
  g_autoptr(MdkProject) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autofree char *listing = NULL;

  g_assert_null (mdk_project_get_saved (project));
  g_assert_true (mdk_project_save (project, file, &error));
  g_assert_no_error (error);
  g_assert_nonnull (mdk_project_get_saved (project));

  loaded = mdk_project_load (file, &error);
  g_assert_no_error (error);
  assert_same_project (project, loaded);
  g_assert_cmpstr (mdk_project_get_medaka_version (loaded), ==, PACKAGE_VERSION);
  g_assert_cmpint (mdk_project_get_loaded_version (loaded), ==, MDK_PROJECT_FORMAT_VERSION);
  g_assert_nonnull (mdk_project_get_saved (loaded));
  /* Whole seconds in the file. */
  g_assert_cmpint (g_date_time_difference (mdk_project_get_saved (loaded), before), >, -G_USEC_PER_SEC);
  g_assert_cmpint (g_date_time_difference (mdk_project_get_saved (loaded), before), <, 60 * G_USEC_PER_SEC);
  g_assert_true (g_date_time_equal (mdk_project_get_saved (loaded), mdk_project_get_saved (project)));

  /* Saving again replaces the file and leaves no temporary or backup. */
  mdk_project_remove_bookmark (loaded, 0);
  mdk_project_set_state (loaded, NULL);
  g_assert_true (mdk_project_save (loaded, file, &error));
  g_assert_no_error (error);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "xor.medaka");
  g_clear_pointer (&project, mdk_project_unref);
  project = mdk_project_load (file, &error);
  g_assert_no_error (error);
  assert_same_project (project, loaded);
  g_assert_cmpuint (mdk_project_get_n_bookmarks (project), ==, 1);
  g_assert_cmpstr (mdk_project_get_bookmark_label (project, 0), ==, "odd one");
  g_assert_null (mdk_project_get_state (project));

  rm_rf (dir);
}

/* set_state and add_bookmark copy: later changes to the caller's tree do
 * not reach the project. */
static void
test_copies (void)
{
  g_autoptr(MdkProject) project = mdk_project_new ();
  g_autoptr(JsonNode) state = parse ("{\"a\": {\"b\": [1, 2]}}");
  g_autoptr(JsonNode) expected = parse ("{\"a\": {\"b\": [1, 2]}}");
  JsonObject *inner;

  mdk_project_set_state (project, state);
  inner = json_object_get_object_member (json_node_get_object (state), "a");
  json_array_add_int_element (json_object_get_array_member (inner, "b"), 3);
  json_object_set_int_member (inner, "c", 4);
  g_assert_true (json_node_equal (mdk_project_get_state (project), expected));
}

/* A duplicate shares nothing, so one thread can save it while the original
 * changes; take_state hands a tree over without copying it. */
static void
test_dup_and_take (void)
{
  g_autoptr(MdkProject) project = sample_project ();
  g_autoptr(MdkProject) copy = mdk_project_dup (project);
  g_autofree char *text = json_to_string (mdk_project_get_state (project), FALSE);
  g_autoptr(JsonNode) state = parse (text);
  JsonNode *taken = parse ("{\"generation\": 3}");

  g_assert_cmpstr (mdk_project_get_notes (copy), ==, mdk_project_get_notes (project));
  g_assert_cmpuint (mdk_project_get_n_bookmarks (copy), ==, 2);
  g_assert_cmpstr (mdk_project_get_bookmark_label (copy, 1), ==, "odd one");
  g_assert_true (json_node_equal (mdk_project_get_bookmark_genome (copy, 0),
                                  mdk_project_get_bookmark_genome (project, 0)));
  g_assert_true (mdk_project_get_bookmark_genome (copy, 0) != mdk_project_get_bookmark_genome (project, 0));
  g_assert_true (json_node_equal (mdk_project_get_state (copy), state));
  g_assert_true (json_node_get_object (mdk_project_get_state (copy)) !=
                 json_node_get_object (mdk_project_get_state (project)));

  mdk_project_set_notes (project, "changed");
  mdk_project_remove_bookmark (project, 0);
  json_object_set_int_member (json_node_get_object (mdk_project_get_state (project)), "generation", 99);
  g_assert_cmpstr (mdk_project_get_notes (copy), ==, "XOR with\nrecurrent links — 日本語");
  g_assert_cmpuint (mdk_project_get_n_bookmarks (copy), ==, 2);
  g_assert_true (json_node_equal (mdk_project_get_state (copy), state));

  mdk_project_take_state (copy, taken);
  g_assert_true (mdk_project_get_state (copy) == taken);
  mdk_project_take_state (copy, NULL);
  g_assert_null (mdk_project_get_state (copy));
}

/* Every example the studio ships loads with the core's loader, in the
 * current format, and continues: a run in progress with a note. */
static void
test_examples (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  /* The CSV example names its data file without a folder. */
  g_assert_cmpint (g_chdir (dir), ==, 0);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(MdkProject) project = NULL;
      g_autoptr(MdkRun) run = NULL;
      const MdkStopParams *stop;

      if (!g_str_has_suffix (name, ".medaka"))
        continue;
      project = mdk_project_load (file, &error);
      g_assert_no_error (error);
      g_assert_cmpint (mdk_project_get_loaded_version (project), ==, MDK_PROJECT_FORMAT_VERSION);
      g_assert_cmpuint (strlen (mdk_project_get_notes (project)), >, 20);
      run = mdk_run_state_load_project (project, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (mdk_run_get_generation (run), >, 0);
      stop = &mdk_run_get_experiment (run)->stop;
      g_assert_true (stop->max_generations == 0 || mdk_run_get_generation (run) < (guint) stop->max_generations);
      g_assert_null (mdk_run_step (run));
      n++;
    }
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_cmpuint (n, ==, 7);
}

static void
test_gzip_on_disk (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MdkProject) project = sample_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GZlibDecompressor) dec = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) mem = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  const guint8 *data;
  gsize len;

  g_assert_true (mdk_project_save (project, file, &error));
  g_assert_no_error (error);
  bytes = read_bytes (path);
  data = g_bytes_get_data (bytes, &len);
  g_assert_cmpuint (len, >, 18);
  g_assert_cmphex (data[0], ==, 0x1f);
  g_assert_cmphex (data[1], ==, 0x8b);

  /* Any gzip reader sees the documented document. */
  mem = g_memory_input_stream_new_from_bytes (bytes);
  in = g_converter_input_stream_new (mem, G_CONVERTER (dec));
  json_parser_load_from_stream (parser, in, NULL, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "medaka-project");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, MDK_PROJECT_FORMAT_VERSION);
  g_assert_cmpstr (json_object_get_string_member (root, "medaka_version"), ==, PACKAGE_VERSION);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       json_object_get_string_member (root, "saved"), 0, 0));
  g_assert_true (json_object_has_member (root, "notes"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "bookmarks")), ==, 2);
  g_assert_true (json_object_has_member (root, "state"));

  rm_rf (dir);
}

static void
test_plain_json (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "hand.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MdkProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *text =
    "\xef\xbb\xbf  \n{ \"format\": \"medaka-project\", \"version\": 1,\n"
    "  \"notes\": \"edited by hand\",\n"
    "  \"bookmarks\": [ { \"label\": \"mine\", \"genome\": { \"kind\": \"neat\" } } ],\n"
    "  \"saved\": \"2024-05-01T14:00:00+02:00\",\n"
    "  \"state\": { \"generation\": 4 } }\n";

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  project = mdk_project_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mdk_project_get_notes (project), ==, "edited by hand");
  g_assert_cmpuint (mdk_project_get_n_bookmarks (project), ==, 1);
  g_assert_cmpstr (mdk_project_get_bookmark_label (project, 0), ==, "mine");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (mdk_project_get_state (project)),
                                               "generation"), ==, 4);
  /* Stored as UTC. */
  g_assert_cmpint (g_date_time_get_hour (mdk_project_get_saved (project)), ==, 12);
  g_assert_cmpint (g_date_time_get_utc_offset (mdk_project_get_saved (project)), ==, 0);
  g_assert_cmpstr (mdk_project_get_medaka_version (project), ==, "");

  rm_rf (dir);
}

static void
test_atomic_save (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.medaka", NULL);
  g_autofree char *backup = g_build_filename (dir, "p.medaka~", NULL);
  g_autofree char *blocker = g_build_filename (backup, "keep", NULL);
  g_autofree char *regular = g_build_filename (dir, "regular", NULL);
  g_autofree char *under_regular = g_build_filename (regular, "p.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (under_regular);
  g_autoptr(MdkProject) project = sample_project ();
  g_autoptr(MdkProject) other = mdk_project_new ();
  g_autoptr(JsonNode) bad_state = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) bad_obj = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;
  GStatBuf st;

  g_assert_true (mdk_project_save (project, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  before = read_bytes (path);

  /* 1. The backup cannot be made (a directory is in the way): the save
   *    fails after the temporary file was written. */
  g_assert_cmpint (g_mkdir (backup, 0755), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));
  mdk_project_set_notes (other, "should not land");
  g_assert_false (mdk_project_save (other, file, &error));
  g_assert_nonnull (error);
  g_test_message ("backup blocked: %s", error->message);
  g_clear_error (&error);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "p.medaka p.medaka~");   /* no temporary left */
  rm_rf (backup);

  /* 2. The document cannot be written (infinity has no JSON form): the
   *    save fails before touching the disk. */
  json_object_set_double_member (bad_obj, "x", INFINITY);
  json_node_set_object (bad_state, bad_obj);
  mdk_project_set_state (other, bad_state);
  g_assert_false (mdk_project_save (other, file, &error));
  g_assert_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "state.x"));
  g_clear_error (&error);
  g_clear_pointer (&after, g_bytes_unref);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));

  /* 3. The parent is a regular file: no temporary file can be created. */
  g_assert_true (g_file_set_contents (regular, "not a directory", -1, NULL));
  g_assert_false (mdk_project_save (project, bad_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);
  g_remove (regular);

  /* A good save replaces the file, keeps its permissions and leaves
   * nothing behind. */
  mdk_project_set_state (other, NULL);
  g_assert_true (mdk_project_save (other, file, &error));
  g_assert_no_error (error);
  g_clear_pointer (&listing, g_free);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "p.medaka");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  rm_rf (dir);
}

static void
assert_loads_with (const char *name,
                   GQuark      domain,
                   int         code,
                   const char *message_part)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "projects", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkProject) project = mdk_project_load (file, &error);

  if (domain == 0)
    {
      g_assert_no_error (error);
      g_assert_nonnull (project);
      return;
    }
  g_test_message ("%s: %s", name, error != NULL ? error->message : "(loaded)");
  g_assert_null (project);
  g_assert_error (error, domain, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, message_part) == NULL)
    g_error ("%s: “%s” does not contain “%s”", name, error->message, message_part);
}

static const struct {
  const char *name;
  int         code;            /* -1: loads */
  const char *message_part;
} corpus[] = {
  { "valid-gzip.medaka", -1, NULL },
  { "valid-plain.medaka", -1, NULL },
  { "valid-minimal.medaka", -1, NULL },
  { "valid-version0.medaka", -1, NULL },
  /* Written by medaka-cli 0.1.0 (run state version 1); test-run-state resumes it. */
  { "valid-state-v1.medaka", -1, NULL },
  { "corrupt-empty.medaka", MDK_PROJECT_ERROR_CORRUPT, "empty" },
  { "corrupt-truncated-gzip.medaka", MDK_PROJECT_ERROR_CORRUPT, "byte offset 162: the file is truncated" },
  { "corrupt-gzip-header-only.medaka", MDK_PROJECT_ERROR_CORRUPT, "byte offset 10" },
  { "corrupt-flipped-byte.medaka", MDK_PROJECT_ERROR_CORRUPT, "Corrupt compressed data at byte offset" },
  { "corrupt-bad-crc.medaka", MDK_PROJECT_ERROR_CORRUPT, "at byte offset 3" },
  { "corrupt-trailing-garbage.medaka", MDK_PROJECT_ERROR_CORRUPT, "after the end of the compressed stream, at byte offset 324" },
  { "corrupt-truncated-json.medaka", MDK_PROJECT_ERROR_CORRUPT, "Line 10, column 14: not valid JSON" },
  { "corrupt-truncated-json-gzip.medaka", MDK_PROJECT_ERROR_CORRUPT, "Line 10, column 14: not valid JSON" },
  { "corrupt-syntax.medaka", MDK_PROJECT_ERROR_CORRUPT, "Line 3, column 15: not valid JSON" },
  { "corrupt-invalid-utf8.medaka", MDK_PROJECT_ERROR_CORRUPT, "Invalid UTF-8 text at byte offset 56" },
  { "corrupt-deep-nesting.medaka", MDK_PROJECT_ERROR_CORRUPT, "nested more than 256 levels deep" },
  { "not-project-binary.medaka", MDK_PROJECT_ERROR_NOT_PROJECT, "neither gzip-compressed nor a JSON object" },
  { "not-project-text.medaka", MDK_PROJECT_ERROR_NOT_PROJECT, "neither gzip-compressed nor a JSON object" },
  { "not-project-array.medaka", MDK_PROJECT_ERROR_NOT_PROJECT, "Not a Medaka project" },
  { "not-project-wrong-format.medaka", MDK_PROJECT_ERROR_NOT_PROJECT, "format" },
  { "not-project-no-format.medaka", MDK_PROJECT_ERROR_NOT_PROJECT, "format" },
  { "newer-version.medaka", MDK_PROJECT_ERROR_NEWER_VERSION, "newer Medaka (format 2); this Medaka reads up to 1" },
  { "invalid-missing-version.medaka", MDK_PROJECT_ERROR_INVALID, "version: missing" },
  { "invalid-version-string.medaka", MDK_PROJECT_ERROR_INVALID, "version: must be an integer" },
  { "invalid-version-float.medaka", MDK_PROJECT_ERROR_INVALID, "version: must be an integer" },
  { "invalid-version-negative.medaka", MDK_PROJECT_ERROR_INVALID, "version: must not be negative" },
  { "invalid-huge-version.medaka", MDK_PROJECT_ERROR_INVALID, "version: number out of range" },
  { "invalid-notes-number.medaka", MDK_PROJECT_ERROR_INVALID, "notes: must be a string" },
  { "invalid-bookmarks-object.medaka", MDK_PROJECT_ERROR_INVALID, "bookmarks: must be an array" },
  { "invalid-bookmark-label.medaka", MDK_PROJECT_ERROR_INVALID, "bookmarks[2].label: must be a string" },
  { "invalid-bookmark-no-genome.medaka", MDK_PROJECT_ERROR_INVALID, "bookmarks[0].genome: missing" },
  { "invalid-bookmark-unknown.medaka", MDK_PROJECT_ERROR_INVALID, "bookmarks[0].colour: unknown member" },
  { "invalid-state-array.medaka", MDK_PROJECT_ERROR_INVALID, "state: must be an object or null" },
  { "invalid-saved-date.medaka", MDK_PROJECT_ERROR_INVALID, "saved: must be an ISO 8601" },
  { "invalid-unknown-member.medaka", MDK_PROJECT_ERROR_INVALID, "note: unknown member" },
  { "invalid-version0-both-names.medaka", MDK_PROJECT_ERROR_INVALID, "format 0: notes: present together" },
};

static void
test_corpus (void)
{
  g_autofree char *dirname = g_test_build_filename (G_TEST_DIST, "data", "projects", NULL);
  g_autoptr(GDir) dir = g_dir_open (dirname, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    assert_loads_with (corpus[i].name, corpus[i].code < 0 ? 0 : MDK_PROJECT_ERROR,
                       corpus[i].code, corpus[i].message_part);

  /* A file added to the corpus must be added to the table too. */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      if (!g_str_has_suffix (name, ".medaka"))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
        listed |= strcmp (corpus[i].name, name) == 0;
      if (!listed)
        g_error ("%s is not in the corpus table", name);
    }
}

/* Loading reads only: every corpus file, copied with an old mtime, keeps
 * its bytes and mtime, and nothing appears beside it. */
static void
test_load_never_writes (void)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "projects", NULL);
  g_autofree char *dir = make_tmp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *from = g_build_filename (src, corpus[i].name, NULL);
      g_autofree char *path = g_build_filename (dir, corpus[i].name, NULL);
      g_autoptr(GBytes) before = read_bytes (from);
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(MdkProject) project = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;
      struct utimbuf old = { 1000000000, 1000000000 };
      GStatBuf st;

      g_assert_true (g_file_set_contents (path, g_bytes_get_data (before, NULL),
                                          g_bytes_get_size (before), NULL));
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      g_assert_cmpint (g_utime (path, (struct utimbuf *) &old), ==, 0);

      project = mdk_project_load (file, &error);
      g_assert_true ((project != NULL) == (corpus[i].code < 0));

      after = read_bytes (path);
      g_assert_true (g_bytes_equal (before, after));
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mtime, ==, 1000000000);
      g_assert_cmpint (st.st_mode & 0777, ==, 0444);
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, corpus[i].name);
      g_remove (path);
    }
  rm_rf (dir);
}

static void
test_newer_version (void)
{
  const char *text = "{\"format\": \"medaka-project\", \"version\": 7, \"hologram\": {}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkProject) project = mdk_project_load_from_bytes (bytes, &error);

  /* Reported before the unknown member: a newer file may have new ones. */
  g_assert_null (project);
  g_assert_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_NEWER_VERSION);
  g_assert_cmpstr (error->message, ==, "Made by a newer Medaka (format 7); this Medaka reads up to 1");
}

static void
test_migration (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "projects", "valid-version0.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkProject) project = mdk_project_load (file, &error);
  g_autoptr(MdkProject) again = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mdk_project_get_loaded_version (project), ==, 0);
  g_assert_cmpstr (mdk_project_get_notes (project), ==, "from 0.0.9");
  g_assert_cmpuint (mdk_project_get_n_bookmarks (project), ==, 1);
  g_assert_cmpstr (mdk_project_get_bookmark_label (project, 0), ==, "old champion");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (mdk_project_get_bookmark_genome (project, 0)));
  g_assert_null (mdk_project_get_state (project));
  g_assert_null (mdk_project_get_saved (project));

  /* Saved again, it is a current file. */
  bytes = mdk_project_save_to_bytes (project, &error);
  g_assert_no_error (error);
  again = mdk_project_load_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdk_project_get_loaded_version (again), ==, MDK_PROJECT_FORMAT_VERSION);
  assert_same_project (project, again);
}

/* Strings and numbers JSON cannot carry are refused with their path. */
static void
test_unrepresentable (void)
{
  static const struct { const char *text; int code; const char *part; } cases[] = {
    { "{\"format\": \"medaka-project\", \"version\": 1, \"notes\": \"\\ud800abc\"}",
      MDK_PROJECT_ERROR_CORRUPT, "notes: the string is not valid UTF-8" },
    { "{\"format\": \"medaka-project\", \"version\": 1, \"state\": {\"a\": [0, 1e999]}}",
      MDK_PROJECT_ERROR_INVALID, "state.a[1]: number out of range" },
    { "{\"format\": \"medaka-project\", \"version\": 1, \"state\": {\"a\": 123456789012345678901234567890}}",
      MDK_PROJECT_ERROR_CORRUPT, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(MdkProject) project = mdk_project_load_from_bytes (bytes, &error);

      if (project != NULL)
        {
          /* Whatever loads must save and load again. */
          g_autoptr(GBytes) saved = mdk_project_save_to_bytes (project, &error);
          g_autoptr(MdkProject) again = NULL;

          g_assert_no_error (error);
          again = mdk_project_load_from_bytes (saved, &error);
          g_assert_no_error (error);
          assert_same_project (project, again);
          continue;
        }
      g_test_message ("%s → %s", cases[i].text, error->message);
      if (cases[i].part != NULL)
        {
          g_assert_error (error, MDK_PROJECT_ERROR, cases[i].code);
          g_assert_nonnull (strstr (error->message, cases[i].part));
        }
      else
        g_assert_true (error->domain == MDK_PROJECT_ERROR);
    }
}

/* Not a timed test: prints how long a 5 MB state takes. */
static void
test_large_state (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "big.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MdkProject) project = mdk_project_new ();
  g_autoptr(MdkProject) loaded = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *text = NULL;
  gsize text_len;
  gint64 t0, t1, t2;
  GStatBuf st;

  /* A population of NEAT-like genomes, about 5 MB of JSON. */
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "population");
  json_builder_begin_array (b);
  for (guint g = 0; g < 800; g++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "connections");
      json_builder_begin_array (b);
      for (guint c = 0; c < 100; c++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "in");
          json_builder_add_int_value (b, g_rand_int_range (rand, 0, 50));
          json_builder_set_member_name (b, "out");
          json_builder_add_int_value (b, g_rand_int_range (rand, 0, 50));
          json_builder_set_member_name (b, "weight");
          json_builder_add_double_value (b, g_rand_double_range (rand, -3, 3));
          json_builder_set_member_name (b, "innovation");
          json_builder_add_int_value (b, g * 100 + c);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  state = json_builder_get_root (b);
  json_generator_set_root (gen, state);
  text = json_generator_to_data (gen, &text_len);
  g_assert_cmpuint (text_len, >, 5 * 1000 * 1000);

  mdk_project_set_state (project, state);
  t0 = g_get_monotonic_time ();
  g_assert_true (mdk_project_save (project, file, &error));
  g_assert_no_error (error);
  t1 = g_get_monotonic_time ();
  loaded = mdk_project_load (file, &error);
  g_assert_no_error (error);
  t2 = g_get_monotonic_time ();
  g_assert_true (json_node_equal (mdk_project_get_state (loaded), state));
  g_assert_cmpint (g_stat (path, &st), ==, 0);

  g_test_message ("%.1f MB of JSON state (%.1f MB on disk): save %.0f ms, load %.0f ms",
                  text_len / 1e6, st.st_size / 1e6, (t1 - t0) / 1e3, (t2 - t1) / 1e3);
  rm_rf (dir);
}

/* A run of every algorithm, saved to a project file after 5 generations and
 * loaded again, continues exactly as a run that never stopped. */
static void
test_resume_every_algorithm (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n_classes;
  const MdkOptimizerClass * const *classes = mdk_optimizer_classes (&n_classes);

  for (guint c = 0; c < n_classes; c++)
    {
      /* MAP-Elites needs a task that describes behaviour. */
      g_autoptr(MdkExperiment) e = mdk_experiment_new (classes[c] == &mdk_map_elites_class ? &mdk_task_pole_class
                                                                                          : &mdk_task_classify_class,
                                                       classes[c]);
      g_autoptr(MdkRun) first = NULL, resumed = NULL, straight = NULL;
      g_autoptr(MdkProject) project = mdk_project_new ();
      g_autoptr(MdkProject) loaded = NULL;
      g_autoptr(JsonNode) state = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *champion_a = NULL, *champion_b = NULL;
      GArray *ha, *hb;

      g_test_message ("%s", classes[c]->id);
      if (e->task_class == &mdk_task_pole_class)
        g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (mdk_task_pole_class.params,
                                                                          mdk_task_pole_class.n_params, "steps"),
                                                  e->task_params, "500", NULL));
      e->seed = 31;
      e->threads = 2;
      e->stop.stop_on_solved = FALSE;
      first = mdk_run_new (e, &error);
      g_assert_no_error (error);
      for (guint g = 0; g < 5; g++)
        mdk_run_step (first);
      state = mdk_run_state_save (first);
      mdk_project_set_state (project, state);
      g_assert_true (mdk_project_save (project, file, &error));
      g_assert_no_error (error);
      loaded = mdk_project_load (file, &error);
      g_assert_no_error (error);
      resumed = mdk_run_state_load (mdk_project_get_state (loaded), &error);
      g_assert_no_error (error);
      straight = mdk_run_new (e, &error);
      for (guint g = 0; g < 5; g++)
        mdk_run_step (resumed);
      for (guint g = 0; g < 10; g++)
        mdk_run_step (straight);

      ha = mdk_run_get_history (resumed);
      hb = mdk_run_get_history (straight);
      g_assert_cmpuint (ha->len, ==, 10);
      g_assert_cmpuint (hb->len, ==, 10);
      for (guint i = 0; i < 10; i++)
        g_assert_true (mdk_stats_same_outcome (&g_array_index (ha, MdkGenerationStats, i),
                                               &g_array_index (hb, MdkGenerationStats, i)));
      champion_a = mdk_run_champion_to_json (resumed);
      champion_b = mdk_run_champion_to_json (straight);
      g_assert_cmpstr (champion_a, ==, champion_b);
    }
  rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/project/round-trip", test_round_trip);
  g_test_add_func ("/core/project/copies", test_copies);
  g_test_add_func ("/core/project/dup-and-take", test_dup_and_take);
  g_test_add_func ("/core/project/examples", test_examples);
  g_test_add_func ("/core/project/gzip-on-disk", test_gzip_on_disk);
  g_test_add_func ("/core/project/plain-json", test_plain_json);
  g_test_add_func ("/core/project/atomic-save", test_atomic_save);
  g_test_add_func ("/core/project/corpus", test_corpus);
  g_test_add_func ("/core/project/load-never-writes", test_load_never_writes);
  g_test_add_func ("/core/project/newer-version", test_newer_version);
  g_test_add_func ("/core/project/migration", test_migration);
  g_test_add_func ("/core/project/unrepresentable", test_unrepresentable);
  g_test_add_func ("/core/project/large-state", test_large_state);
  g_test_add_func ("/core/project/resume-every-algorithm", test_resume_every_algorithm);
  return g_test_run ();
}
