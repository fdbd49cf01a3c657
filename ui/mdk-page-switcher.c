#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-page-switcher.h"

/* Kept on the flow box.  The stack's signals are connected with the box as
 * their object, so they end with it whichever goes first. */
typedef struct
{
  GtkStack   *stack;
  GtkFlowBox *box;
  GListModel *pages;       /* owned */
  gboolean    syncing;     /* setting a button from the stack */
} Switcher;

static void
switcher_free (gpointer data)
{
  Switcher *sw = data;

  g_object_unref (sw->pages);
  g_free (sw);
}

static Switcher *
switcher_of (GtkFlowBox *box)
{
  return g_object_get_data (G_OBJECT (box), "mdk-page-switcher");
}

static void
on_toggled (GtkToggleButton *button,
            Switcher        *sw)
{
  if (sw->syncing || !gtk_toggle_button_get_active (button))
    return;
  gtk_stack_set_visible_child (sw->stack, g_object_get_data (G_OBJECT (button), "page-child"));
}

/* Activates the visible page's button (the others follow: one group). */
static void
sync_active (Switcher *sw)
{
  GtkWidget *visible = gtk_stack_get_visible_child (sw->stack);

  sw->syncing = TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (sw->box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c));

      if (g_object_get_data (G_OBJECT (button), "page-child") == visible)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
    }
  sw->syncing = FALSE;
}

/* One button per page; a page's button is shown while the page is. */
static void
rebuild (Switcher *sw)
{
  GtkToggleButton *group = NULL;
  GtkWidget *c;

  while ((c = gtk_widget_get_first_child (GTK_WIDGET (sw->box))) != NULL)
    gtk_flow_box_remove (sw->box, c);
  for (guint i = 0; i < g_list_model_get_n_items (sw->pages); i++)
    {
      g_autoptr(GObject) item_object = g_list_model_get_item (sw->pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item_object);
      GtkWidget *child = gtk_stack_page_get_child (page);
      GtkWidget *button = gtk_toggle_button_new_with_label (gtk_stack_page_get_title (page));
      GtkWidget *item;

      g_object_set_data (G_OBJECT (button), "page-child", child);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (on_toggled), sw);
      gtk_flow_box_append (sw->box, button);
      item = gtk_widget_get_parent (button);
      gtk_widget_set_focusable (item, FALSE);
      g_object_bind_property (child, "visible", item, "visible", G_BINDING_SYNC_CREATE);
    }
  sync_active (sw);
}

static void
on_pages_changed (GListModel *pages,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GtkFlowBox *box)
{
  rebuild (switcher_of (box));
}

static void
on_visible_child (GtkStack   *stack,
                  GParamSpec *pspec,
                  GtkFlowBox *box)
{
  sync_active (switcher_of (box));
}

GtkWidget *
mdk_page_switcher_new (GtkStack *stack)
{
  GtkWidget *box = gtk_flow_box_new ();
  Switcher *sw = g_new0 (Switcher, 1);

  sw->stack = stack;
  sw->box = GTK_FLOW_BOX (box);
  sw->pages = G_LIST_MODEL (gtk_stack_get_pages (stack));
  gtk_flow_box_set_selection_mode (sw->box, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (sw->box, FALSE);
  gtk_flow_box_set_min_children_per_line (sw->box, 1);
  gtk_flow_box_set_max_children_per_line (sw->box, 32);
  gtk_flow_box_set_column_spacing (sw->box, 0);
  gtk_flow_box_set_row_spacing (sw->box, 0);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_add_css_class (box, "page-switcher");
  g_object_set_data_full (G_OBJECT (box), "mdk-page-switcher", sw, switcher_free);
  g_signal_connect_object (sw->pages, "items-changed", G_CALLBACK (on_pages_changed), box, 0);
  g_signal_connect_object (stack, "notify::visible-child", G_CALLBACK (on_visible_child), box, 0);
  rebuild (sw);
  return box;
}
