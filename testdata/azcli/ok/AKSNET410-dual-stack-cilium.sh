#!/bin/bash

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --ip-families ipv4,ipv6 \
    --pod-cidrs 10.244.0.0/16,fd12:3456:789a::/64 \
    --service-cidrs 10.0.0.0/16,fd12:3456:789a:1::/108 \
    --dns-service-ip 10.0.0.10 \
    --network-dataplane cilium \
    --network-policy cilium \
    --generate-ssh-keys
