/* placeholder: replaced by the command line */
#include <stdio.h>
int main(void) { puts("faxintake"); return 0; }
