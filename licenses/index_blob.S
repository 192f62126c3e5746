/* SPDX-License-Identifier: MIT */
/* index_blob.S -- links the license index gen_index wrote (INDEX_BIN, set by
 * the Makefile) into the binary as read-only data. */
	.section .rodata
	.balign 16
	.globl petal_index_blob
petal_index_blob:
	.incbin INDEX_BIN
	.globl petal_index_blob_end
petal_index_blob_end:
	.section .note.GNU-stack,"",@progbits
