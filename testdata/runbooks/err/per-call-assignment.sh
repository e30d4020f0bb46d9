#!/bin/bash
# VAR=value before a function call is seen inside the function for that call only:
# the first cluster gets 300 (AKSNET301), the second the script's own 30.
MAXPODS=30

create_cluster() {
  az aks create --resource-group rg --name "$1" --network-plugin azure --max-pods "$MAXPODS"
}

MAXPODS=300 create_cluster aks-call-one
create_cluster aks-call-two
