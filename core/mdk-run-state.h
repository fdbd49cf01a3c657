/* mdk-run-state.h: a run's full state as a JSON tree, and back
 *
 * Everything needed to continue a run exactly: the experiment, the progress
 * and history, the champion and the optimizer's own state.  Saving N
 * generations, loading and running M more gives the same history and
 * champion, bit for bit, as running N + M straight (issue 5).  Files are the
 * project file's business; this is the tree inside it (docs/formats.md).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mdk-project.h"
#include "mdk-run.h"

G_BEGIN_DECLS

#define MDK_RUN_STATE_ERROR (mdk_run_state_error_quark ())

typedef enum
{
  MDK_RUN_STATE_ERROR_INVALID,       /* a member is missing or has the wrong type */
  MDK_RUN_STATE_ERROR_UNSUPPORTED,   /* a newer version, or an algorithm without state */
} MdkRunStateError;

#define MDK_RUN_STATE_VERSION 2

GQuark      mdk_run_state_error_quark (void);

JsonNode   *mdk_run_state_save        (MdkRun      *run);
MdkRun     *mdk_run_state_load        (JsonNode    *node,
                                       GError     **error);
/* The run saved in @project; an error if it holds none. */
MdkRun     *mdk_run_state_load_project (MdkProject *project,
                                        GError    **error);

JsonNode      *mdk_run_state_experiment_to_json   (const MdkExperiment *experiment);
MdkExperiment *mdk_run_state_experiment_from_json (JsonObject          *obj,
                                                   GError             **error);

/* Helpers for optimizers' save_state () / load_state (): @path names the
 * object in error messages, e.g. "state.optimizer.species[2]". */
JsonNode   *mdk_run_state_double_node (double       value);
gboolean    mdk_run_state_node_get_double (JsonNode    *node,
                                       const char  *path,
                                       const char  *what,
                                       double      *value,
                                       GError     **error);
gboolean    mdk_run_state_get_double  (JsonObject  *obj,
                                       const char  *member,
                                       const char  *path,
                                       double      *value,
                                       GError     **error);
gboolean    mdk_run_state_get_uint    (JsonObject  *obj,
                                       const char  *member,
                                       const char  *path,
                                       guint64      max,
                                       guint64     *value,
                                       GError     **error);
gboolean    mdk_run_state_get_bool    (JsonObject  *obj,
                                       const char  *member,
                                       const char  *path,
                                       gboolean    *value,
                                       GError     **error);
const char *mdk_run_state_get_string  (JsonObject  *obj,
                                       const char  *member,
                                       const char  *path,
                                       GError     **error);
JsonObject *mdk_run_state_get_object  (JsonObject  *obj,
                                       const char  *member,
                                       const char  *path,
                                       GError     **error);
JsonArray  *mdk_run_state_get_array   (JsonObject  *obj,
                                       const char  *member,
                                       const char  *path,
                                       GError     **error);
void        mdk_run_state_prefix_error (GError    **error,
                                       const char  *path);
JsonNode   *mdk_run_state_params_to_json   (const MdkParamSpec *table,
                                            guint               n,
                                            gconstpointer       params);
gboolean    mdk_run_state_params_from_json (const MdkParamSpec *table,
                                            guint               n,
                                            gpointer            params,
                                            JsonObject         *obj,
                                            const char         *path,
                                            GError            **error);

G_END_DECLS
