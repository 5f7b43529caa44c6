/* Linked lists: build a sorted singly linked list by insertion, drop every third node, reverse
 * it, and fold the keys in order. Nodes come from a static pool (no malloc). */
#include "sw/apps/iss-bench/bench.h"

#define LIST_NODES 160

struct list_node {
    struct list_node* next;
    uint32_t key;
};

static struct list_node list_pool[LIST_NODES];

static struct list_node* list_insert_sorted(struct list_node* head, struct list_node* n) {
    struct list_node** link = &head;
    while (*link && (*link)->key < n->key) link = &(*link)->next;
    n->next = *link;
    *link = n;
    return head;
}

static struct list_node* list_drop_every_third(struct list_node* head) {
    unsigned i = 0;
    for (struct list_node** link = &head; *link;) {
        if (++i % 3 == 0)
            *link = (*link)->next;
        else
            link = &(*link)->next;
    }
    return head;
}

static struct list_node* list_reverse(struct list_node* head) {
    struct list_node* prev = 0;
    while (head) {
        struct list_node* next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

uint32_t list_kernel(uint32_t seed) {
    struct list_node* head = 0;
    for (unsigned i = 0; i < LIST_NODES; ++i) {
        list_pool[i].key = bench_rand(&seed) & 0xffff;
        head = list_insert_sorted(head, &list_pool[i]);
    }
    head = list_reverse(list_drop_every_third(head));
    uint32_t sum = 0;
    uint32_t prev = 0xffffffffu;
    for (struct list_node* n = head; n; n = n->next) {
        if (n->key > prev) return 0; /* reversed list must be non-increasing */
        prev = n->key;
        sum = bench_mix(sum, n->key);
    }
    return sum;
}
